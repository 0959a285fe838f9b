import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));
const require = createRequire(resolve(root, 'server/package.json'));

/** Browser suites first, on the freshly seeded city: the API suites write test data (imported parcels, hand-built sites) that moves the map. */
class BrowserFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isBrowser = (f: TestSpecification) => /[\\/]test[\\/]e2e[\\/]/.test(f.moduleId);
    return [...sorted.filter(isBrowser), ...sorted.filter((f) => !isBrowser(f))];
  }
}

export default defineConfig({
  resolve: {
    alias: {
      // One graphql copy for type-graphql and our code (graphql ships CJS and ESM without an exports map).
      graphql: require.resolve('graphql'),
      '@atlas/db': resolve(root, 'db/src/index.ts'),
    },
  },
  test: {
    include: ['db/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Scales time limits on the embedded PGlite (see test/support/capabilities.ts).
    setupFiles: ['test/support/engine-setup.ts'],
    // Integration suites share one seeded database and some write to it: run files one at a time.
    fileParallelism: false,
    sequence: { sequencer: BrowserFirst },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
