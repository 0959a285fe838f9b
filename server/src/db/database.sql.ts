/** How many regions there are: zero means an empty database that the demo city may be generated into. */
export const REGION_COUNT = 'SELECT count(*)::int AS n FROM region';

/** Whether demo accounts exist (the demo city is loaded). */
export const HAS_DEMO_USERS = 'SELECT EXISTS (SELECT 1 FROM app_user WHERE is_demo) AS demo';
