// Persisted-query allow-list (migration 0070): documents by sha256, and API keys restricted to them.

/** One registered document by its sha256 (hex). */
export const DOCUMENT_BY_HASH = `SELECT document FROM persisted_query WHERE sha256 = $1`;

/** Whether the live API key with this sha256 hash may run registered documents only. The policy is named by the key's account (username). */
export const KEY_IS_PERSISTED_ONLY = `
  SELECT coalesce(p.persisted_only, false) AS persisted_only
  FROM api_key k JOIN app_user u ON u.id = k.user_id LEFT JOIN api_key_query_policy p ON p.key_name = u.username
  WHERE k.key_hash = $1 AND k.revoked_at IS NULL`;

/** Registers a document (idempotent: the same text has the same hash). */
export const UPSERT_PERSISTED_QUERY = `
  INSERT INTO persisted_query (sha256, document, name, registered_by) VALUES ($1, $2, $3, $4)
  ON CONFLICT (sha256) DO UPDATE SET name = coalesce(EXCLUDED.name, persisted_query.name)
  RETURNING sha256, document, name, registered_by, registered_at`;

export const DELETE_PERSISTED_QUERY = `DELETE FROM persisted_query WHERE sha256 = $1 RETURNING sha256, document, name, registered_by, registered_at`;

export const LIST_PERSISTED_QUERIES = `SELECT sha256, document, name, registered_by, registered_at FROM persisted_query ORDER BY registered_at, sha256`;

/** Sets a key's policy; the key name must belong to an account holding an API key. */
export const UPSERT_KEY_POLICY = `
  INSERT INTO api_key_query_policy (key_name, persisted_only, set_by) VALUES ($1, $2, $3)
  ON CONFLICT (key_name) DO UPDATE SET persisted_only = EXCLUDED.persisted_only, set_by = EXCLUDED.set_by, set_at = now()
  RETURNING key_name, persisted_only`;

export const KEY_POLICY = `SELECT key_name, persisted_only FROM api_key_query_policy WHERE key_name = $1`;

/** Whether the named account holds a live API key. */
export const API_KEY_ACCOUNT_EXISTS = `SELECT EXISTS (SELECT 1 FROM app_user u JOIN api_key k ON k.user_id = u.id WHERE u.username = $1 AND k.revoked_at IS NULL) AS ok`;
