import { parseArgs } from 'node:util';
import { createApiKey } from '@saeq/shared/auth';
import type { RunningService } from '@saeq/testing';
import { startBenchGateway, uploadPlan } from './bench-gateway.ts';
import { planSet } from './pdf-extraction.ts';
import { type BenchRow, isMain, percentile, throughputRow } from './report.ts';
import { benchEnvironment, disposeBenchEnvironment, startBenchWorker } from './worker-fleet.ts';

/**
 * Several organisations sharing one deployment (issue 22, capacity model): `orgs` tenants, each
 * with its own API key, upload plans at `rate` uploads per second in all (round robin over the
 * tenants, in whole rounds) for `seconds`, and poll `GET /v1/plans/{id}` every `pollMs` until
 * each plan is completed or failed, through the real gateway (in this process, every middleware
 * on) and real worker-pdf and worker-bom processes on loopback. Bounded in time: uploads stop after `seconds`,
 * polling after `drainSeconds` more; plans still running then are counted as unfinished.
 *
 * Prints accepted / completed / failed / unfinished, p50 and p95 time to result (upload sent →
 * the poll that sees the plan settled, so up to `pollMs` late), per-tenant fairness (min and max
 * plans completed per organisation) and the 429s (uploads over `RATE_LIMIT_UPLOADS`, polls over
 * `RATE_LIMIT_READS`; both per key). Limits never trip unless `uploadLimit` / `readLimit` are
 * given (e.g. "20/3600", the gateway's default for uploads).
 *
 *   node --import tsx bench/tenants.ts [--orgs 4] [--seconds 30] [--rate 0.5] [--pages 1]
 *     [--poll-ms 1000] [--drain-seconds 120] [--pdf-workers 1] [--bom-workers 1]
 *     [--upload-limit 20/3600] [--read-limit 1800/900] [--sources]
 */

export type TenantsOptions = {
  orgs: number;
  seconds: number;
  /** Uploads per second, all tenants together. */
  rate: number;
  /** Sheets per uploaded plan (generated corpus sheets, bench/pdf-extraction.ts planSet). */
  pages?: number | undefined;
  pollMs?: number | undefined;
  /** How long polling may go on after the last upload. */
  drainSeconds?: number | undefined;
  pdfWorkers?: number | undefined;
  bomWorkers?: number | undefined;
  /** `RATE_LIMIT_UPLOADS` / `RATE_LIMIT_READS` of the gateway ("points/seconds"); unset: never trips. */
  uploadLimit?: string | undefined;
  readLimit?: string | undefined;
  /** Workers from their TypeScript sources under tsx instead of dist/ (no `pnpm build` needed). */
  sources?: boolean | undefined;
};

export type TenantCount = { org: string; attempted: number; accepted: number; completed: number };

export type TenantsResult = {
  attempted: number;
  accepted: number;
  completed: number;
  failed: number;
  unfinished: number;
  /** Uploads answered 429 (RATE_LIMIT_UPLOADS), polls answered 429 (RATE_LIMIT_READS). */
  uploads429: number;
  polls429: number;
  /** Uploads answered anything else than 202 or 429 (e.g. 503 when MAX_CONCURRENT_UPLOADS is reached). */
  uploadErrors: number;
  p50Ms: number;
  p95Ms: number;
  perOrg: TenantCount[];
  minCompleted: number;
  maxCompleted: number;
  /** Plans completed per minute over the whole run (uploads + drain). */
  completedPerMinute: number;
  elapsedMs: number;
};

type Tenant = TenantCount & { key: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls one plan until it settles or `deadline`; returns its status and when it was seen. */
async function pollUntilSettled(
  url: string,
  key: string,
  id: string,
  opts: { pollMs: number; deadline: number; onThrottled: () => void },
): Promise<{ status: 'completed' | 'failed' | 'unfinished'; seenAt: number }> {
  while (Date.now() < opts.deadline) {
    await sleep(opts.pollMs);
    const res = await fetch(`${url}/v1/plans/${id}`, { headers: { authorization: `Bearer ${key}` } });
    if (res.status === 429) {
      opts.onThrottled();
      await res.body?.cancel();
      await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
      continue;
    }
    if (res.status !== 200)
      throw new Error(`GET /v1/plans/${id} answered ${res.status}: ${await res.text()}`);
    const { status } = (await res.json()) as { status: string };
    if (status === 'completed' || status === 'failed') return { status, seenAt: Date.now() };
  }
  return { status: 'unfinished', seenAt: Date.now() };
}

/** Runs the simulation on a fresh environment (database, queue prefix, data directory) and cleans up. */
export async function runTenants(opts: TenantsOptions): Promise<TenantsResult> {
  const pollMs = opts.pollMs ?? 1000;
  const drainMs = (opts.drainSeconds ?? 120) * 1000;
  const env = await benchEnvironment('tenants');
  const services: RunningService[] = [];
  const gateway = await startBenchGateway(env, {
    scopes: ['admin'],
    env: {
      ...(opts.uploadLimit ? { RATE_LIMIT_UPLOADS: opts.uploadLimit } : {}),
      ...(opts.readLimit ? { RATE_LIMIT_READS: opts.readLimit } : {}),
    },
  });
  try {
    const compiled = { compiled: !opts.sources };
    const starting: Promise<{ service: RunningService }>[] = [];
    for (let i = 0; i < (opts.pdfWorkers ?? 1); i++)
      starting.push(startBenchWorker(env, 'worker-pdf', {}, compiled));
    for (let i = 0; i < (opts.bomWorkers ?? 1); i++)
      starting.push(startBenchWorker(env, 'worker-bom', {}, compiled));
    for (const started of await Promise.allSettled(starting))
      if (started.status === 'fulfilled') services.push(started.value.service);
      else throw started.reason;

    const tenants: Tenant[] = [];
    for (let i = 0; i < opts.orgs; i++) {
      const org = `tenant-${i + 1}`;
      const { key } = await createApiKey(env.db.handle.db, { org, scopes: ['plans:read', 'plans:write'] });
      tenants.push({ org, key, attempted: 0, accepted: 0, completed: 0 });
    }
    const pdf = await planSet(opts.pages ?? 1);

    let uploads429 = 0;
    let polls429 = 0;
    let uploadErrors = 0;
    const started = Date.now();
    const deadline = started + opts.seconds * 1000 + drainMs;
    const settled: Promise<{ tenant: Tenant; status: string; ms: number }>[] = [];
    // Whole rounds over the tenants, so each sends as many uploads and fairness compares like with like.
    const total = Math.max(1, Math.floor((opts.rate * opts.seconds) / tenants.length)) * tenants.length;
    const sending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / opts.rate;
      await sleep(Math.max(0, due - Date.now()));
      const tenant = tenants[i % tenants.length];
      if (!tenant) continue;
      tenant.attempted++;
      sending.push(
        (async () => {
          const sent = Date.now();
          const res = await uploadPlan(gateway.url, tenant.key, pdf, `${tenant.org}-${i}.pdf`);
          if (res.id === undefined) {
            if (res.status === 429) uploads429++;
            else uploadErrors++;
            return;
          }
          tenant.accepted++;
          settled.push(
            pollUntilSettled(gateway.url, tenant.key, res.id, {
              pollMs,
              deadline,
              onThrottled: () => polls429++,
            }).then(({ status, seenAt }) => ({ tenant, status, ms: seenAt - sent })),
          );
        })(),
      );
    }
    await Promise.all(sending);
    const outcomes = await Promise.all(settled);
    const elapsedMs = Date.now() - started;

    for (const o of outcomes) if (o.status === 'completed') o.tenant.completed++;
    const times = outcomes
      .filter((o) => o.status === 'completed')
      .map((o) => o.ms)
      .sort((a, b) => a - b);
    const completed = times.length;
    const perOrg = tenants.map(({ key: _key, ...count }) => count);
    return {
      attempted: total,
      accepted: outcomes.length,
      completed,
      failed: outcomes.filter((o) => o.status === 'failed').length,
      unfinished: outcomes.filter((o) => o.status === 'unfinished').length,
      uploads429,
      polls429,
      uploadErrors,
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
      perOrg,
      minCompleted: Math.min(...perOrg.map((t) => t.completed)),
      maxCompleted: Math.max(...perOrg.map((t) => t.completed)),
      completedPerMinute: (completed * 60_000) / elapsedMs,
      elapsedMs,
    };
  } catch (err) {
    const output = services.map((s) => `--- ${s.name}\n${s.output().slice(-2000)}`).join('\n');
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${output}`, { cause: err });
  } finally {
    await gateway.close();
    await disposeBenchEnvironment(env, services);
  }
}

/** The result as text, one figure a line (what `--json` prints as an object). */
export function describeTenants(opts: TenantsOptions, r: TenantsResult): string {
  const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'n/a');
  return [
    `${opts.orgs} organisations, ${opts.rate} uploads/s for ${opts.seconds} s (${opts.pages ?? 1}-page plans), ${opts.pdfWorkers ?? 1} worker-pdf + ${opts.bomWorkers ?? 1} worker-bom, polled every ${opts.pollMs ?? 1000} ms`,
    `uploads: ${r.attempted} sent, ${r.accepted} accepted, ${r.uploads429} answered 429, ${r.uploadErrors} other errors`,
    `plans: ${r.completed} completed, ${r.failed} failed, ${r.unfinished} unfinished after ${(r.elapsedMs / 1000).toFixed(0)} s (${r.completedPerMinute.toFixed(1)} completed/min)`,
    `time to result: p50 ${s(r.p50Ms)}, p95 ${s(r.p95Ms)}`,
    `fairness: ${r.minCompleted}–${r.maxCompleted} plans completed per organisation (${r.perOrg.map((t) => `${t.org} ${t.completed}/${t.accepted}`).join(', ')})`,
    `polls answered 429: ${r.polls429}`,
  ].join('\n');
}

/** `pnpm bench --only tenants`: plans completed of those accepted (with times to result), and fairness. */
export async function benchTenants(opts: TenantsOptions): Promise<BenchRow[]> {
  const r = await runTenants(opts);
  process.stderr.write(`[tenants]\n${describeTenants(opts, r)}\n`);
  const label = `${opts.orgs} organisations uploading ${opts.pages ?? 1}-page plans for ${opts.seconds} s, ${opts.pdfWorkers ?? 1} worker-pdf + ${opts.bomWorkers ?? 1} worker-bom`;
  return [
    {
      ...throughputRow(
        'tenants',
        `plans completed of those accepted — ${label}`,
        r.completed,
        r.accepted,
        'plans',
        {
          baselineLabel: 'accepted',
        },
      ),
      note: `(${r.completedPerMinute.toFixed(1)} completed/min over ${(r.elapsedMs / 1000).toFixed(0)} s; p50 ${Math.round(r.p50Ms)} ms, p95 ${Math.round(r.p95Ms)} ms to result; ${r.failed} failed, ${r.unfinished} unfinished, ${r.uploads429} uploads 429)`,
    },
    throughputRow(
      'tenants',
      `fairness — fewest vs most plans completed by one organisation (${label})`,
      r.minCompleted,
      r.maxCompleted,
      'plans',
      { baselineLabel: 'most' },
    ),
  ];
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      orgs: { type: 'string', default: '4' },
      seconds: { type: 'string', default: '30' },
      rate: { type: 'string', default: '0.5' },
      pages: { type: 'string', default: '1' },
      'poll-ms': { type: 'string', default: '1000' },
      'drain-seconds': { type: 'string', default: '120' },
      'pdf-workers': { type: 'string', default: '1' },
      'bom-workers': { type: 'string', default: '1' },
      'upload-limit': { type: 'string' },
      'read-limit': { type: 'string' },
      sources: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const opts: TenantsOptions = {
    orgs: Number(values.orgs),
    seconds: Number(values.seconds),
    rate: Number(values.rate),
    pages: Number(values.pages),
    pollMs: Number(values['poll-ms']),
    drainSeconds: Number(values['drain-seconds']),
    pdfWorkers: Number(values['pdf-workers']),
    bomWorkers: Number(values['bom-workers']),
    uploadLimit: values['upload-limit'],
    readLimit: values['read-limit'],
    sources: values.sources,
  };
  const r = await runTenants(opts);
  console.log(values.json ? JSON.stringify(r, null, 2) : describeTenants(opts, r));
  process.exit(0);
}
