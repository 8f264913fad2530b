import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, deleteQueuePrefix, testRedisUrl, uniqueName } from '@saeq/testing';
import pg from 'pg';
import { waitSettled } from '../lib/invariants.ts';
import { chaosPlanPdf } from '../lib/load.ts';
import { type Connection, startGatewayProcess, WorkerFleet } from '../lib/saeq-processes.ts';

/**
 * Scenario 4: SIGTERM to the gateway while clients keep posting plans and agent runs. Requests
 * already in flight must complete; once the gateway stops, new ones must be refused cleanly (a
 * refused connection or a 503, never a 500, a hang or a half-written answer); the process must
 * exit 0 within 30 s; every 202 must be a job that completes, and no refused request may have
 * left a row behind.
 */

export type GatewaySigtermOptions = {
  /** Concurrent clients, each posting in a loop. */
  clients: number;
  /** Share of requests that upload a plan (the others start agent runs). */
  planShare: number;
  /** Load before the signal. */
  warmupMs: number;
  settleTimeoutMs: number;
  log?: (line: string) => void;
};

type RequestRecord = {
  kind: 'plan' | 'run';
  start: number;
  end: number;
  outcome: number | string;
  id: string | null;
};

export type GatewaySigtermReport = {
  requests: number;
  /** Requests sent before the signal, by kind and outcome (status or error code), e.g. "run 202". */
  beforeSignal: Record<string, number>;
  /** Requests sent after the signal, by outcome. */
  afterSignal: Record<string, number>;
  /** The longest request among those in flight at the signal (ms). */
  longestInFlightMs: number;
  /** Requests in flight when the signal was sent. */
  inFlightAtSignal: number;
  /** In-flight requests that did not get a complete answer. */
  inFlightBroken: number;
  exitCode: number | string;
  exitAfterMs: number;
  accepted: { plans: number; runs: number };
  completed: { plans: number; runs: number };
  /** Rows in plans / agent_runs beyond the accepted ids (work created for a refused request). */
  orphanRows: number;
};

export async function gatewaySigtermScenario(opts: GatewaySigtermOptions): Promise<GatewaySigtermReport> {
  const log = opts.log ?? (() => {});
  const db = await createTestDatabase();
  const prefix = uniqueName('chaos_sigterm');
  const dataDir = mkdtempSync(join(tmpdir(), 'saeq-chaos-sigterm-'));
  const conn: Connection = { databaseUrl: db.url, redisUrl: testRedisUrl, prefix, dataDir };
  const fleet = new WorkerFleet(
    conn,
    { 'worker-pdf': 1, 'worker-bom': 1, 'worker-agents': 1 },
    { restartDelayMs: 500 },
  );
  let gateway: Awaited<ReturnType<typeof startGatewayProcess>> | undefined;
  try {
    [gateway] = await Promise.all([startGatewayProcess(conn), fleet.start()]);
    const gw = gateway;
    const pdfs = await Promise.all(Array.from({ length: 8 }, (_, i) => chaosPlanPdf(i)));
    const records: RequestRecord[] = [];
    let signalAt = Number.POSITIVE_INFINITY;
    let refusedSince: number | null = null;
    let n = 0;
    const clientLoop = async (c: number) => {
      // Each client stops once the gateway has refused connections for 2 s.
      while (refusedSince === null || Date.now() - refusedSince < 2000) {
        const kind = (n++ * 7 + c) % 100 < opts.planShare * 100 ? 'plan' : 'run';
        const start = Date.now();
        let outcome: number | string;
        let id: string | null = null;
        try {
          let res: Response;
          if (kind === 'plan') {
            const form = new FormData();
            const pdf = pdfs[n % pdfs.length] ?? pdfs[0];
            form.set('file', new File([pdf ?? new Uint8Array()], 'sigterm.pdf', { type: 'application/pdf' }));
            res = await fetch(`${gw.url}/v1/plans`, {
              method: 'POST',
              body: form,
              headers: { authorization: `Bearer ${gw.key}` },
              signal: AbortSignal.timeout(40_000),
            });
          } else {
            res = await fetch(`${gw.url}/v1/agents/electrical-calculator/runs`, {
              method: 'POST',
              body: JSON.stringify({ message: 'Quel calibre pour 40 A cuivre 90 °C ?' }),
              headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
              signal: AbortSignal.timeout(40_000),
            });
          }
          const body = await res.text();
          outcome = res.status;
          if (res.status === 202) id = (JSON.parse(body) as { id: string }).id;
          if (res.status !== 503) refusedSince = null;
        } catch (err) {
          const cause = (err as { cause?: { code?: string } }).cause;
          outcome = cause?.code ?? (err instanceof Error ? err.name : 'error');
          if (start >= signalAt && refusedSince === null) refusedSince = Date.now();
          await new Promise((r) => setTimeout(r, 50));
        }
        records.push({ kind, start, end: Date.now(), outcome, id });
      }
    };
    const clients = Promise.all(Array.from({ length: opts.clients }, (_, c) => clientLoop(c)));
    await new Promise((r) => setTimeout(r, opts.warmupMs));
    signalAt = Date.now();
    gw.service.kill('SIGTERM');
    log(`  SIGTERM sent to the gateway after ${records.length} requests`);
    const exitCode = await gw.service.exited;
    const exitAfterMs = Date.now() - signalAt;
    log(`  gateway exited with ${exitCode} after ${exitAfterMs} ms`);
    await clients;

    const tally = (rs: RequestRecord[]) => {
      const out: Record<string, number> = {};
      for (const r of rs) out[`${r.kind} ${r.outcome}`] = (out[`${r.kind} ${r.outcome}`] ?? 0) + 1;
      return out;
    };
    const before = records.filter((r) => r.start < signalAt);
    const inFlight = before.filter((r) => r.end >= signalAt);
    const plansAccepted = records.filter((r) => r.kind === 'plan' && r.id).map((r) => r.id ?? '');
    const runsAccepted = records.filter((r) => r.kind === 'run' && r.id).map((r) => r.id ?? '');
    const settled = await waitSettled(db.url, plansAccepted, runsAccepted, opts.settleTimeoutMs, {
      redisUrl: testRedisUrl,
      prefix,
    });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const rows = await client.query<{ n: number }>(
      'select (select count(*) from plans)::int + (select count(*) from agent_runs)::int as n',
    );
    await client.end();
    return {
      requests: records.length,
      beforeSignal: tally(before),
      afterSignal: tally(records.filter((r) => r.start >= signalAt)),
      longestInFlightMs: Math.max(0, ...inFlight.map((r) => r.end - r.start)),
      inFlightAtSignal: inFlight.length,
      inFlightBroken: inFlight.filter((r) => typeof r.outcome !== 'number').length,
      exitCode,
      exitAfterMs,
      accepted: { plans: plansAccepted.length, runs: runsAccepted.length },
      completed: { plans: settled.plans.completed, runs: settled.runs.completed },
      orphanRows: (rows.rows[0]?.n ?? 0) - plansAccepted.length - runsAccepted.length,
    };
  } finally {
    await fleet.stop();
    await gateway?.stop();
    await db.drop();
    await deleteQueuePrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
