import { createLogger } from '@saeq/shared/logger';
import { closeOnSignals } from '@saeq/shared/worker-runtime';
import { loadWorkerAgentsEnv } from './env.ts';
import { startAgentsService } from './service.ts';

const env = loadWorkerAgentsEnv();
const logger = createLogger({
  fileDir: env.LOG_FILE_DIR,
  fileMaxSize: env.LOG_FILE_MAX_SIZE,
  fileCount: env.LOG_FILE_COUNT,
  service: 'worker-agents',
  level: env.LOG_LEVEL,
  pretty: env.LOG_PRETTY ?? env.NODE_ENV === 'development',
  version: env.SERVICE_VERSION,
});
const service = await startAgentsService(env, logger);
closeOnSignals(service, logger);
