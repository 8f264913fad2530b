// Worker threads do not inherit the TypeScript loader the process was started with (tsx's
// --import hook is not applied to workers on Node 20), so register it here, then load the
// TypeScript entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
