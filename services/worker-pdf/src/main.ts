import { createServiceLogger } from '@saeq/shared/logger';
import { startTracing } from '@saeq/shared/telemetry';
import { loadWorkerPdfEnv } from './env.ts';

const env = loadWorkerPdfEnv();
const tracing = await startTracing('worker-pdf', env);
const logger = createServiceLogger('worker-pdf', env);
// Imported once tracing has started, so that pg and ioredis are instrumented as they load.
const { startWorkerPdf } = await import('./service.ts');
const { closeOnSignals } = await import('@saeq/shared/worker-runtime');
closeOnSignals(await startWorkerPdf(env, logger), logger, tracing.shutdown);
