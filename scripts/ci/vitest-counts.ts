// Passed and failed counts for CI's closing line, from vitest's JSON report
// (`--reporter=json --outputFile.json=…`). A test file that fails without a failing test (its
// beforeAll threw, its import failed) counts as one failure; a file whose failure is a failing
// test is counted through that test only.
//
//   node --import tsx scripts/ci/vitest-counts.ts test-results/vitest.json   # prints "<passed> <failed>"
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export type VitestReport = {
  numPassedTests?: number;
  numFailedTests?: number;
  numRuntimeErrors?: number;
  testResults?: { status: string; assertionResults?: { status: string }[] }[];
};

/** The closing line's counts; a suite-level failure is never lost nor counted twice. */
export function vitestCounts(report: VitestReport): { passed: number; failed: number } {
  const failedFilesWithoutFailedTest = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrors ?? 0) + failedFilesWithoutFailedTest,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { passed, failed } = vitestCounts(JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')));
  process.stdout.write(`${passed} ${failed}\n`);
}
