// Worker threads do not inherit the TypeScript loader the process was started with (tsx's
// --import hook is not applied to workers on Node 20), so register it here, then load the
// TypeScript entry named in workerData.
import { register as registerHooks } from 'node:module';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
// After tsx (the hook is TypeScript): pdfjs's parser is served with the stream cap.
registerHooks(new URL('./pdfjs-stream-cap-hooks.ts', import.meta.url));
await import(workerData.entry);
