import { describe, expect, it } from 'vitest';
import { vitestCounts } from './vitest-counts.ts';

describe('CI test counts from the vitest JSON report', () => {
  it('counts a suite that failed without a failing test (beforeAll threw, import failed) as a failure', () => {
    const report = {
      numPassedTests: 3,
      numFailedTests: 0,
      numFailedTestSuites: 1,
      testResults: [
        {
          status: 'passed',
          assertionResults: [{ status: 'passed' }, { status: 'passed' }, { status: 'passed' }],
        },
        { status: 'failed', message: 'beforeAll threw', assertionResults: [{ status: 'skipped' }] },
      ],
    };
    expect(vitestCounts(report)).toEqual({ passed: 3, failed: 1 });
  });

  it('does not count a file twice when its failure is a failing test', () => {
    const report = {
      numPassedTests: 1,
      numFailedTests: 1,
      numFailedTestSuites: 1,
      testResults: [{ status: 'failed', assertionResults: [{ status: 'passed' }, { status: 'failed' }] }],
    };
    expect(vitestCounts(report)).toEqual({ passed: 1, failed: 1 });
  });

  it('adds runtime errors (unhandled rejections) to the failures', () => {
    expect(
      vitestCounts({ numPassedTests: 2, numFailedTests: 0, numRuntimeErrors: 1, testResults: [] }),
    ).toEqual({ passed: 2, failed: 1 });
  });
});
