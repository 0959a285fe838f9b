/** An account with its chain scope; the named statements below add the WHERE. */
const USER_WITH_SCOPE = `
  SELECT u.id, u.username, u.display_name, u.role, u.unit_id, u.password_hash,
         array(SELECT uc.chain_id FROM user_chain uc WHERE uc.user_id = u.id ORDER BY uc.chain_id) AS chain_ids
  FROM app_user u`;

/** The account signing in ($1: lower-cased username). */
export const USER_BY_USERNAME = `${USER_WITH_SCOPE} WHERE u.username = $1`;

/** The integrator account of an API key ($1: SHA-256 hex of the key). */
export const USER_BY_API_KEY_HASH = `${USER_WITH_SCOPE} WHERE u.api_key_hash = $1`;

/** The account a session token names ($1: user id). */
export const USER_BY_ID = `${USER_WITH_SCOPE} WHERE u.id = $1`;

/** Demo accounts with their published passwords, for the sign-in page. */
export const DEMO_ACCOUNTS = 'SELECT username, display_name, role, demo_password FROM app_user WHERE is_demo AND demo_password IS NOT NULL ORDER BY id';
