/** How many regions there are: zero means an empty database that the demo city may be generated into. */
export const REGION_COUNT = 'SELECT count(*)::int AS n FROM region';

/** Whether demo accounts exist (the demo city is loaded). */
export const HAS_DEMO_USERS = 'SELECT EXISTS (SELECT 1 FROM app_user WHERE is_demo) AS demo';

/** How many accounts there are: zero means the first administrator is still to be created. */
export const USER_COUNT = 'SELECT count(*)::int AS n FROM app_user';

/** Whether the connecting user may SET ROLE to the application role and that role may write the audit log ($1: role name). */
export const APP_ROLE_USABLE = `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1 AND pg_has_role(current_user, oid, 'MEMBER'))
        AND has_table_privilege($1, 'audit_log', 'INSERT') AS ok`;

/** The cheapest statement: answers when the database is reachable. */
export const PING = 'SELECT 1';
