import type { JobsOptions } from 'bullmq';
import type { z } from 'zod';

/** A queue: its name, what goes in, what comes out, and how its jobs retry and are kept. */
export type QueueDefinition<Payload extends z.ZodType = z.ZodType, Result extends z.ZodType = z.ZodType> = {
  name: string;
  payload: Payload;
  result: Result;
  defaultJobOptions: JobsOptions;
};

/** Keep finished jobs long enough to inspect (Bull Board) but never forever. */
export const defaultRetention = {
  removeOnComplete: { age: 24 * 3600, count: 5000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 20000 },
} as const satisfies JobsOptions;

export function defineQueue<P extends z.ZodType, R extends z.ZodType>(
  def: QueueDefinition<P, R>,
): QueueDefinition<P, R> {
  return def;
}
