import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' as const };

// One run for the whole workspace, in two groups:
// 1. unit tests beside the code (*.test.ts) and integration tests (test/*.int.test.ts) on the
//    real Redis and Postgres, two files at a time (each file has its own database and queue prefix);
// 2. then the fault-injection suites (issue 10: chaos scenarios that SIGKILL processes, stop Redis
//    and Postgres, and the hostile-PDF corpus), one file at a time and on an otherwise idle
//    machine, because they measure recovery times and memory.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'suite',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'services/*/src/**/*.test.ts',
            'services/*/test/**/*.test.ts',
            'scripts/**/*.test.ts',
            'infra/**/*.test.ts',
            'apps/*/test/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', 'scripts/chaos/**', 'services/worker-pdf/test/hostile.int.test.ts'],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'fault-injection',
          include: ['scripts/chaos/**/*.int.test.ts', 'services/worker-pdf/test/hostile.int.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
