// First module of an analysis thread: registers the loader hook that serves pdfjs's parser with
// the stream cap (pdfjs-stream-cap-hooks), then loads the thread entry named in workerData.
// Normally both are the JavaScript compiled by thread-bundle.ts. In the fallback (the bundle
// could not be built) they are the TypeScript sources, and tsx is registered first: worker
// threads do not inherit the process's `--import tsx` hook on Node 20.
import { register as registerHooks } from 'node:module';
import { workerData } from 'node:worker_threads';

if (workerData.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
// Before the entry imports pdfjs: its parser is served with the stream cap.
registerHooks(workerData.hooks);
await import(workerData.entry);
