import { defaultRetention } from '@saeq/shared/queues';
import { purgeDeadLetters } from '@saeq/shared/worker-runtime';
import type { GatewayDeps } from './deps.ts';
import { purgeExpiredIdempotencyKeys } from './middleware/idempotency.ts';

/** How often each gateway purges; every replica does, the deletes are idempotent. */
const HOUSEKEEPING_INTERVAL_MS = 15 * 60 * 1000;

/** BullMQ drops failed jobs after this (queue retention): their dead letters go too. */
const DEAD_LETTER_RETENTION_MS = defaultRetention.removeOnFail.age * 1000;

/**
 * Deletes expired idempotency keys and dead letters older than the failed jobs' retention, now
 * and every 15 min. Returns the function that stops it.
 */
export function scheduleHousekeeping(deps: GatewayDeps): () => void {
  const run = async () => {
    const now = deps.now();
    const idempotencyKeys = await purgeExpiredIdempotencyKeys(
      deps.db.db,
      now,
      deps.env.HTTP_REQUEST_TIMEOUT_MS,
    );
    const deadLetters = await purgeDeadLetters(
      deps.db.db,
      new Date(now.getTime() - DEAD_LETTER_RETENTION_MS),
    );
    if (idempotencyKeys + deadLetters > 0)
      deps.logger.info({ idempotencyKeys, deadLetters }, 'housekeeping purged');
  };
  const tick = () =>
    void run().catch((err: unknown) =>
      deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'housekeeping failed'),
    );
  tick();
  const timer = setInterval(tick, HOUSEKEEPING_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
