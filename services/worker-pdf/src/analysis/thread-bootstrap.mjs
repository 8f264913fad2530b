// First module of an analysis thread when worker-pdf runs from its TypeScript sources (tests,
// `pnpm dev`): registers tsx, which worker threads do not inherit from the process's
// `--import tsx` on Node 20, then loads the thread entry named in workerData. Compiled
// (`pnpm build`, production) the pool starts analysis-thread.js directly: no loader.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
