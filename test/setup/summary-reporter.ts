// Ends the test run with one plain line, `tests: N passed, N failed`, that CI reads as the count.
import type { AggregatedResult } from '@jest/test-result';

class SummaryReporter {
  onRunComplete(_contexts: unknown, results: AggregatedResult): void {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}

module.exports = SummaryReporter;
