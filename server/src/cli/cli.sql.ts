// SQL of the command-line tools (server/src/cli/commands): account creation and the operator an import is recorded under.

/** The first administrator account, under which a CLI import is recorded. */
export const FIRST_ADMIN = `SELECT id, username FROM app_user WHERE role = 'admin' ORDER BY id LIMIT 1`;

/** Whether an account has a username ($1: username). */
export const USERNAME_EXISTS = 'SELECT 1 FROM app_user WHERE username = $1';

/** The id of an assessment unit by its code ($1: unit code). */
export const UNIT_BY_CODE = 'SELECT id FROM assessment_unit WHERE code = $1';

/** Creates an account with its password set now and returns its id ($1: username, $2: display name, $3: role, $4: password hash, $5: unit id or null). */
export const CLI_INSERT_USER = `INSERT INTO app_user (username, display_name, role, password_hash, unit_id, password_changed_at) VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`;

/** Audits an account created from the CLI ($1: actor name, $2: account id, $3: the account as JSON). */
export const CLI_AUDIT_USER_CREATED = `INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, before, after) VALUES (NULL, $1, 'user.created', 'app_user', $2, NULL, $3::jsonb)`;
