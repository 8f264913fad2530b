import { z } from 'zod';
import { defaultRetention, defineQueue } from './queue-definition.ts';

export const WebhookEvent = z.enum(['plan.completed', 'plan.failed', 'bom.completed', 'bom.failed']);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** One signed delivery of an event to an organisation's callback URL. */
export const WebhookJob = z.object({
  organisationId: z.uuid(),
  event: WebhookEvent,
  resourceId: z.uuid(),
  url: z.url({ protocol: /^https?$/ }),
  requestId: z.string().max(128).optional(),
});
export type WebhookJob = z.infer<typeof WebhookJob>;

/**
 * The job id of one event's delivery: per resource and event, so a retried resource that failed
 * and then completed announces both, and a duplicate of the same event is queued once
 * (BullMQ forbids ':' in ids).
 */
export function webhookJobId(resourceId: string, event: WebhookEvent): string {
  return `${resourceId}_${event}`;
}

export const WebhookResult = z.object({ status: z.number().int() });
export type WebhookResult = z.infer<typeof WebhookResult>;

export const webhookQueue = defineQueue({
  name: 'webhook',
  payload: WebhookJob,
  result: WebhookResult,
  // About 5.7 h of retries: 11 waits of 10 s, 20 s, 40 s … 10 240 s = 10 s × (2^11 − 1) = 20 470 s.
  defaultJobOptions: { attempts: 12, backoff: { type: 'exponential', delay: 10_000 }, ...defaultRetention },
});
