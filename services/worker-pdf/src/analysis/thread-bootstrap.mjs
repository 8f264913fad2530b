// First module of an analysis thread when worker-pdf runs from its TypeScript sources (tests,
// `pnpm dev`): registers tsx, which worker threads do not inherit from the process's
// `--import tsx` on Node 20, and the `@saeq/source` export condition (workspace packages resolve
// to src/*.ts: a fresh clone has no dist/), then loads the thread entry named in workerData.
// Compiled (`pnpm build`, production) the pool starts analysis-thread.js directly: no loader.
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';

const { register: registerTsx } = await import('tsx/esm/api');
registerTsx();
// Registered last, so it runs first and tsx's resolver sees the condition.
register(
  `data:text/javascript,${encodeURIComponent(
    'export const resolve = (specifier, context, next) => next(specifier, { ...context, conditions: [...context.conditions, "@saeq/source"] });',
  )}`,
);
await import(workerData.entry);
