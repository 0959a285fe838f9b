-- Issue 5 (secrets and accounts): accounts that can be disabled, API keys of their own with a scope,
-- and sign-in failures held in the database so throttling holds across several API processes.

ALTER TABLE app_user
  ADD COLUMN disabled            boolean NOT NULL DEFAULT false,
  ADD COLUMN password_changed_at timestamptz;   -- session tokens issued before it stop working

-- An integrator key: stored as the SHA-256 of a random 256-bit secret (shown once, never stored), acting as
-- one account (whose role the services check) and limited further by its scope: an empty `mutations` list
-- is read-only, otherwise the key may call exactly the named root mutations.
CREATE TABLE api_key (
  id          serial PRIMARY KEY,
  name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  user_id     int NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  key_hash    text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  key_prefix  text NOT NULL,                    -- the first characters of the key, so people can tell keys apart
  mutations   text[] NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  int REFERENCES app_user(id) ON DELETE SET NULL,
  revoked_at  timestamptz
);
CREATE INDEX api_key_user_idx ON api_key (user_id);

-- Keys kept on the account row until now move to api_key, read-only as before.
INSERT INTO api_key (name, user_id, key_hash, key_prefix)
  SELECT 'key of ' || username, id, api_key_hash, '(migrated)' FROM app_user WHERE api_key_hash IS NOT NULL;
ALTER TABLE app_user DROP COLUMN api_key_hash;

-- One row per failed sign-in, keyed 'user:<name>' and 'addr:<client address>'; rows older than the window are pruned.
CREATE TABLE sign_in_failure (
  key  text NOT NULL,
  at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failure_key_at_idx ON sign_in_failure (key, at);
