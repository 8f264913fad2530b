import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { boms, type Db, planStages, plans } from '@saeq/shared/db';
import { planStatus } from '@saeq/shared/plans';
import { WebhookJob } from '@saeq/shared/queues';
import { addressPermitted, ensureWebhookSecret, signWebhook, type TargetPolicy } from '@saeq/shared/webhooks';
import { type JobContext, PermanentJobError } from '@saeq/shared/worker-runtime';
import { eq } from 'drizzle-orm';

export type WebhookDeps = { db: Db; policy: TargetPolicy; timeoutMs: number; now: () => Date };

/**
 * webhook: POSTs a signed event to the organisation's callback URL. Retries (attempts +
 * exponential backoff) on network errors and non-2xx answers; refuses, for good, targets that
 * resolve to private or loopback addresses unless allow-listed (SSRF). The address is checked at
 * connection time (custom DNS lookup), so DNS rebinding cannot slip past the check.
 */
export function webhookProcessor(deps: WebhookDeps) {
  return async (_job: unknown, { job }: JobContext) => {
    const data = WebhookJob.parse(job.data);
    const body = JSON.stringify(await eventPayload(deps.db, data, deps.now()));
    const secret = await organisationSecret(deps.db, data.organisationId);
    const signature = signWebhook(secret, body, Math.floor(deps.now().getTime() / 1000));
    const status = await postWebhook(
      data.url,
      body,
      {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'SAEQ-Webhooks/1',
        'saeq-signature': signature,
        'saeq-event': data.event,
        'saeq-delivery': String(job.id),
      },
      deps,
    );
    if (status < 200 || status >= 300) throw new Error(`webhook answered HTTP ${status}`);
    return { status };
  };
}

async function eventPayload(db: Db, data: WebhookJob, now: Date) {
  const base = { id: `${data.event}:${data.resourceId}`, event: data.event, occurredAt: now.toISOString() };
  if (data.event.startsWith('plan.')) {
    const stages = await db.select().from(planStages).where(eq(planStages.planId, data.resourceId));
    const plan = await db
      .select({ id: plans.id, name: plans.name })
      .from(plans)
      .where(eq(plans.id, data.resourceId));
    const self = `/v1/plans/${data.resourceId}`;
    return {
      ...base,
      data: {
        planId: data.resourceId,
        name: plan[0]?.name ?? null,
        status: planStatus(stages).status,
        stages: Object.fromEntries(
          stages.map((s) => [s.stage, { status: s.status, ...(s.error ? { error: s.error } : {}) }]),
        ),
        links: { self, analysis: `${self}/analysis`, compliance: `${self}/compliance`, bom: `${self}/bom` },
      },
    };
  }
  const rows = await db
    .select({ status: boms.status, error: boms.error })
    .from(boms)
    .where(eq(boms.id, data.resourceId));
  return {
    ...base,
    data: {
      bomId: data.resourceId,
      status: rows[0]?.status ?? 'deleted',
      ...(rows[0]?.error ? { error: rows[0].error } : {}),
      links: { self: `/v1/boms/${data.resourceId}` },
    },
  };
}

/** The organisation's signing secret, created on first delivery (admins read it at /v1/admin/webhook-secret). */
async function organisationSecret(db: Db, organisationId: string): Promise<string> {
  const secret = await ensureWebhookSecret(db, organisationId);
  if (!secret) throw new PermanentJobError('organisation_missing', 'the organisation no longer exists');
  return secret;
}

/**
 * POSTs `body` and resolves with the HTTP status. `deps.timeoutMs` bounds the whole delivery
 * (DNS, connection, TLS, sending, the answer and its body), not only each silence: a target that
 * trickles a byte every few seconds must not hold a worker slot for ever.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  deps: Pick<WebhookDeps, 'policy' | 'timeoutMs'>,
): Promise<number> {
  const target = new URL(url);
  const guardedLookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      const refused = list.find((a) => !addressPermitted(target.hostname, a.address, deps.policy));
      if (refused) return callback(new TargetForbidden(`${hostname} resolves to ${refused.address}`), '', 0);
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), '', 0);
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, first.address, first.family);
    });
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  // A literal IP never goes through DNS lookup: check it here.
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !addressPermitted(literal, literal, deps.policy)) {
    return Promise.reject(
      new PermanentJobError('webhook_target_forbidden', `${literal} is not a public address`),
    );
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (err: Error | null, status = 0) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (err)
        reject(
          err instanceof TargetForbidden
            ? new PermanentJobError('webhook_target_forbidden', err.message)
            : err,
        );
      else resolve(status);
    };
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup,
        timeout: deps.timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => settle(null, res.statusCode ?? 0));
        res.on('error', (err) => settle(err));
        res.on('aborted', () => settle(new Error('webhook answer aborted')));
      },
    );
    const deadline = setTimeout(() => {
      const err = new Error(`webhook delivery exceeded ${deps.timeoutMs} ms`);
      settle(err);
      req.destroy(err);
    }, deps.timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`webhook timed out after ${deps.timeoutMs} ms`)));
    req.on('error', (err) => settle(err));
    req.end(body);
  });
}

class TargetForbidden extends Error {}
