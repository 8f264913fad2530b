import { defineConfig } from 'vitest/config';

// One run for the whole workspace: unit tests beside the code (*.test.ts) and integration tests
// (test/*.int.test.ts) on the real Redis and Postgres. Integration files each use their own
// database and queue prefix, so files may run in parallel.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'services/*/src/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'scripts/**/*.test.ts',
      'infra/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
    ],
    // The fault-injection suites (chaos scenarios, hostile PDFs) run with `pnpm chaos`
    // (vitest.chaos.config.ts): they take minutes and some of their cases still fail — see
    // docs/reliability.md. They are not part of `pnpm test` until they pass.
    exclude: ['**/node_modules/**', 'scripts/chaos/**', 'services/worker-pdf/test/hostile.int.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
