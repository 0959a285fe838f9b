import { defineConfig } from 'vitest/config';
import base from './vitest.config.mts';

// `pnpm test:unit`: the pure-function tests beside the code and the import-graph test, with no database
// (no global setup). `*.integration.test.ts` beside the code need PostgreSQL and run only in the full suite.
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['db/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/architecture/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.integration.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
