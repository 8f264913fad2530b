import { defineConfig } from 'vitest/config';

// `pnpm chaos`: fault injection against real processes, Redis and Postgres (issue 10). Slow
// (minutes) and not yet all green, so kept out of `pnpm test`; see docs/reliability.md.
export default defineConfig({
  test: {
    include: ['scripts/chaos/**/*.int.test.ts', 'services/worker-pdf/test/hostile.int.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
