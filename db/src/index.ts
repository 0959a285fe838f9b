export type { Sql } from './sql';
export { migrate, MIGRATIONS_DIR } from './migrate';
export type { MigrationResult } from './migrate';
export { usccCheckChar, usccProblem, usccWithCheck } from './uscc';
