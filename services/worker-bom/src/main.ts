import { createServiceLogger } from '@saeq/shared/logger';
import { startTracing } from '@saeq/shared/telemetry';
import { loadWorkerBomEnv } from './env.ts';

const env = loadWorkerBomEnv();
const tracing = await startTracing('worker-bom', env);
const logger = createServiceLogger('worker-bom', env);
// Imported once tracing has started, so that pg and ioredis are instrumented as they load.
const { startWorkerBom } = await import('./service.ts');
const { closeOnSignals } = await import('@saeq/shared/worker-runtime');
closeOnSignals(await startWorkerBom(env, logger), logger, tracing.shutdown);
