import { createServiceLogger } from '@saeq/shared/logger';
import { closeOnSignals } from '@saeq/shared/worker-runtime';
import { loadWorkerAgentsEnv } from './env.ts';
import { startAgentsService } from './service.ts';

const env = loadWorkerAgentsEnv();
const logger = createServiceLogger('worker-agents', env);
const service = await startAgentsService(env, logger);
closeOnSignals(service, logger);
