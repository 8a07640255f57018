import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the plain closing line "N passed, N failed, N skipped" after Vitest's own summary, so
 * CI (and anyone grepping a log) can tell a run that tested nothing from one that passed.
 */
export class SummaryLineReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
