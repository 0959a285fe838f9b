/** SQL of sign-in, sessions, accounts and API keys. */

/** An account with its chain scope, for building the AuthUser. */
export const USER_WITH_SCOPE = `
  SELECT u.id, u.username, u.display_name, u.role, u.unit_id, u.password_hash, u.disabled, u.password_changed_at,
         array(SELECT uc.chain_id FROM user_chain uc WHERE uc.user_id = u.id ORDER BY uc.chain_id) AS chain_ids
  FROM app_user u`;

/**
 * The account behind a live API key (`hash`: the placeholder of the key's sha-256, $1 unless embedded), with the key's
 * scope and whether it may run allow-listed queries only (the policy is named by the key's account, as in
 * persisted-query.sql.ts KEY_IS_PERSISTED_ONLY).
 */
export const USER_BY_API_KEY = (hash = '$1') => `
  SELECT u.id, u.username, u.display_name, u.role, u.unit_id, u.disabled,
         array(SELECT uc.chain_id FROM user_chain uc WHERE uc.user_id = u.id ORDER BY uc.chain_id) AS chain_ids,
         k.id AS key_id, k.name AS key_name, k.mutations AS key_mutations,
         coalesce((SELECT p.persisted_only FROM api_key_query_policy p WHERE p.key_name = u.username), false) AS key_persisted_only
  FROM api_key k JOIN app_user u ON u.id = k.user_id
  WHERE k.key_hash = ${hash} AND k.revoked_at IS NULL`;

/** Failures per throttle key ($1 keys) within the window ($2 seconds), and seconds until the oldest counted one ages out. */
export const THROTTLE_STATE = `
  SELECT key, count(*)::int AS failures,
         ceil(extract(epoch FROM min(at) + make_interval(secs => $2) - now()))::int AS retry_after
  FROM sign_in_failure
  WHERE key = ANY($1::text[]) AND at > now() - make_interval(secs => $2)
  GROUP BY key`;

/** Records one failure under each key ($1) and prunes rows older than the window ($2 seconds) for those keys. */
export const RECORD_FAILURE = `
  WITH pruned AS (DELETE FROM sign_in_failure WHERE key = ANY($1::text[]) AND at <= now() - make_interval(secs => $2))
  INSERT INTO sign_in_failure (key) SELECT unnest($1::text[])`;

/** A successful sign-in clears the account's failures ($1: the account key). */
export const CLEAR_FAILURES = `DELETE FROM sign_in_failure WHERE key = $1`;

/** Accounts as admins see them. */
export const LIST_USERS = `
  SELECT u.id, u.username, u.display_name, u.role, u.unit_id, u.disabled, u.is_demo, u.password_hash IS NOT NULL AS has_password,
         array(SELECT uc.chain_id FROM user_chain uc WHERE uc.user_id = u.id ORDER BY uc.chain_id) AS chain_ids
  FROM app_user u`;

/** Active admins other than $1 (an admin may not disable or demote the last one). */
export const OTHER_ACTIVE_ADMINS = `SELECT count(*)::int AS n FROM app_user WHERE role = 'admin' AND NOT disabled AND id <> $1`;

export const INSERT_USER = `
  INSERT INTO app_user (username, display_name, role, password_hash, unit_id, password_changed_at)
  VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`;

export const UPDATE_USER = `
  UPDATE app_user SET display_name = $2, role = $3, unit_id = $4, disabled = $5 WHERE id = $1`;

export const SET_USER_CHAINS_DELETE = `DELETE FROM user_chain WHERE user_id = $1`;
export const SET_USER_CHAINS_INSERT = `INSERT INTO user_chain (user_id, chain_id) SELECT $1, unnest($2::int[])`;

/** A new password; the shown demo password no longer applies and older session tokens end. */
export const SET_PASSWORD = `
  UPDATE app_user SET password_hash = $2, demo_password = NULL, password_changed_at = now() WHERE id = $1`;

export const LIST_API_KEYS = `
  SELECT k.id, k.name, k.user_id, u.username, k.key_prefix, k.mutations, k.created_at, k.revoked_at
  FROM api_key k JOIN app_user u ON u.id = k.user_id`;

export const INSERT_API_KEY = `
  INSERT INTO api_key (name, user_id, key_hash, key_prefix, mutations, created_by)
  VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`;

export const REVOKE_API_KEY = `UPDATE api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`;

/** The demo accounts offered on the sign-in page (enabled, with a demo password), in id order. */
export const DEMO_ACCOUNTS = `SELECT username, display_name, role, demo_password FROM app_user WHERE is_demo AND NOT disabled AND demo_password IS NOT NULL ORDER BY id`;

/** An account's password hash ($1: user id). */
export const PASSWORD_HASH_OF_USER = 'SELECT password_hash FROM app_user WHERE id = $1';

/** How many accounts have a username ($1: username). */
export const USERNAME_TAKEN = 'SELECT count(*)::int AS n FROM app_user WHERE username = $1';
