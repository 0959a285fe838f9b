export type { Sql } from './sql';
export { migrate, MIGRATIONS_DIR } from './migrate';
export type { MigrationResult } from './migrate';
export { usccCheckChar, usccProblem, usccWithCheck } from './uscc';
export { seedDemo, DEMO_PASSWORD, DEMO_API_KEY, DEMO_REFERENCE_DATE } from './seed';
export type { SeedOptions } from './seed';
