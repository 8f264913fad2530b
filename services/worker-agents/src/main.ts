import { createServiceLogger } from '@saeq/shared/logger';
import { startTracing } from '@saeq/shared/telemetry';
import { loadWorkerAgentsEnv } from './env.ts';

const env = loadWorkerAgentsEnv();
const tracing = await startTracing('worker-agents', env);
const logger = createServiceLogger('worker-agents', env);
// Imported once tracing has started, so that pg and ioredis are instrumented as they load.
const { startAgentsService } = await import('./service.ts');
const { closeOnSignals } = await import('@saeq/shared/worker-runtime');
closeOnSignals(await startAgentsService(env, logger), logger, tracing.shutdown);
