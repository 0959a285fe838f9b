import type { Reporter, TestModule } from 'vitest/node';
import { SKIP_TAG } from './capabilities';

/**
 * Prints plain closing lines any CI log reader understands: which database the tests used, why tests were skipped
 * (the reasons test/support/capabilities.ts prints, with how many tests each), and "Tests: N passed, N failed, N skipped".
 */
export default class SummaryReporter implements Reporter {
  private readonly reasons = new Map<string, string>();

  onUserConsoleLog(log: Parameters<NonNullable<Reporter['onUserConsoleLog']>>[0]) {
    for (const line of log.content.split('\n')) {
      if (line.startsWith(SKIP_TAG) && log.taskId) this.reasons.set(log.taskId, line.slice(SKIP_TAG.length));
    }
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const count = { passed: 0, failed: 0, skipped: 0 };
    const skippedFor = new Map<string, { tests: number; files: string[] }>();
    for (const m of modules) {
      let skippedHere = 0;
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') count.passed++;
        else if (state === 'failed') count.failed++;
        else { count.skipped++; skippedHere++; }
      }
      if (m.state() === 'failed' && ![...m.children.allTests()].length) count.failed++;
      const reason = this.reasons.get(m.id);
      if (reason && skippedHere) {
        const entry = skippedFor.get(reason) ?? { tests: 0, files: [] };
        entry.tests += skippedHere;
        entry.files.push(m.relativeModuleId);
        skippedFor.set(reason, entry);
      }
    }
    const engine = process.env.ATLAS_TEST_DATABASE_KIND;
    if (engine) console.log(`\nDatabase: ${engine === 'pglite' ? 'embedded PGlite + PostGIS (wire-protocol server; no PostgreSQL answered)' : 'PostgreSQL + PostGIS'}`);
    for (const [reason, { tests, files }] of skippedFor) console.log(`Skipped ${tests} (${reason}): ${files.join(', ')}`);
    console.log(`\nTests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
  }
}
