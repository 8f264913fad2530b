import { openQueue, queues } from '@saeq/shared/queues';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * What a chaos run must end with, read from Postgres (the source of truth) and BullMQ: every
 * accepted plan has its three stages completed, each with exactly one result row written once;
 * every accepted agent run is completed with one terminal status event; nothing is stuck.
 */

export type PlanLedger = {
  accepted: number;
  /** All three stages completed with their results. */
  completed: number;
  /** A stage failed (with its code). */
  failed: number;
  /** Accepted, but not settled (a stage still queued or processing). */
  pending: number;
  /** Accepted (202 with an id) but no row in `plans`. */
  missing: number;
  /** Stages `completed` without their `stage_results` row (must be 0: same transaction). */
  completedWithoutResult: number;
  /** `stage_results` rows: at most one per (plan, stage) by the primary key. */
  resultRows: number;
  /** Result rows written more than once (`writes` > 1): a stage's work done twice. */
  rewrittenResults: number;
  failures: { planId: string; stage: string; code: string | null }[];
  pendingIds: string[];
};

export type RunLedger = {
  accepted: number;
  completed: number;
  failed: number;
  pending: number;
  missing: number;
  /** Runs with more than one terminal status event (completed/failed). */
  duplicateTerminalEvents: number;
  failures: { runId: string; code: string | null }[];
  pendingIds: string[];
};

export async function planLedger(databaseUrl: string, planIds: readonly string[]): Promise<PlanLedger> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids = [...planIds];
    const stages = await client.query<{
      plan_id: string;
      stage: string;
      status: string;
      error: { code?: string } | null;
      has_result: boolean;
      writes: number | null;
    }>(
      `select s.plan_id, s.stage, s.status, s.error, r.plan_id is not null as has_result, r.writes
         from plan_stages s left join stage_results r on r.plan_id = s.plan_id and r.stage = s.stage
        where s.plan_id = any($1::uuid[])`,
      [ids],
    );
    const byPlan = new Map<string, typeof stages.rows>();
    for (const row of stages.rows) byPlan.set(row.plan_id, [...(byPlan.get(row.plan_id) ?? []), row]);
    const resultRows = await client.query<{ n: number }>(
      'select count(*)::int as n from stage_results where plan_id = any($1::uuid[])',
      [ids],
    );
    const ledger: PlanLedger = {
      accepted: ids.length,
      completed: 0,
      failed: 0,
      pending: 0,
      missing: 0,
      completedWithoutResult: 0,
      resultRows: resultRows.rows[0]?.n ?? 0,
      rewrittenResults: 0,
      failures: [],
      pendingIds: [],
    };
    for (const id of ids) {
      const rows = byPlan.get(id);
      if (!rows || rows.length === 0) {
        ledger.missing++;
        continue;
      }
      for (const r of rows) {
        if (r.status === 'completed' && !r.has_result) ledger.completedWithoutResult++;
        if ((r.writes ?? 1) > 1) ledger.rewrittenResults++;
        if (r.status === 'failed')
          ledger.failures.push({ planId: id, stage: r.stage, code: r.error?.code ?? null });
      }
      if (rows.some((r) => r.status === 'failed')) ledger.failed++;
      else if (rows.length === 3 && rows.every((r) => r.status === 'completed' && r.has_result))
        ledger.completed++;
      else {
        ledger.pending++;
        ledger.pendingIds.push(id);
      }
    }
    return ledger;
  } finally {
    await client.end();
  }
}

export async function runLedger(databaseUrl: string, runIds: readonly string[]): Promise<RunLedger> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids = [...runIds];
    const runs = await client.query<{
      id: string;
      status: string;
      error: { code?: string } | null;
      answer: string | null;
      terminal_events: number;
    }>(
      `select r.id, r.status, r.error, r.answer,
              (select count(*)::int from agent_run_events e
                where e.run_id = r.id and e.type = 'status'
                  and e.data->>'status' in ('completed', 'failed')) as terminal_events
         from agent_runs r where r.id = any($1::uuid[])`,
      [ids],
    );
    const found = new Map(runs.rows.map((r) => [r.id, r]));
    const ledger: RunLedger = {
      accepted: ids.length,
      completed: 0,
      failed: 0,
      pending: 0,
      missing: 0,
      duplicateTerminalEvents: 0,
      failures: [],
      pendingIds: [],
    };
    for (const id of ids) {
      const run = found.get(id);
      if (!run) ledger.missing++;
      else if (run.status === 'completed' && run.answer) ledger.completed++;
      else if (run.status === 'failed') {
        ledger.failed++;
        ledger.failures.push({ runId: id, code: run.error?.code ?? null });
      } else {
        ledger.pending++;
        ledger.pendingIds.push(id);
      }
      if (run && run.terminal_events > 1) ledger.duplicateTerminalEvents++;
    }
    return ledger;
  } finally {
    await client.end();
  }
}

/** Jobs BullMQ could still run, over every queue: waiting, active, delayed, prioritized. */
export async function liveJobs(redisUrl: string, prefix: string): Promise<number> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  connection.on('error', () => {});
  try {
    let total = 0;
    for (const def of Object.values(queues)) {
      const queue = openQueue(def, connection, prefix);
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      total += Object.values(counts).reduce((n, c) => n + c, 0);
      await queue.close();
    }
    return total;
  } finally {
    connection.disconnect();
  }
}

/**
 * Waits until nothing accepted is still queued or processing in Postgres. Gives up after
 * `timeoutMs`, or as soon as Postgres still shows unsettled work while BullMQ has had no job
 * left to run for `idleMs` (nothing can settle it any more: those jobs are lost).
 */
export async function waitSettled(
  databaseUrl: string,
  planIds: readonly string[],
  runIds: readonly string[],
  timeoutMs: number,
  queue?: { redisUrl: string; prefix: string; idleMs?: number },
): Promise<{ plans: PlanLedger; runs: RunLedger; settledAfterMs: number }> {
  const started = Date.now();
  let idleSince: number | null = null;
  let plans = await planLedger(databaseUrl, planIds);
  let runs = await runLedger(databaseUrl, runIds);
  while (plans.pending + runs.pending > 0 && Date.now() - started < timeoutMs) {
    if (queue) {
      const live = await liveJobs(queue.redisUrl, queue.prefix).catch(() => 1);
      idleSince = live > 0 ? null : (idleSince ?? Date.now());
      if (idleSince !== null && Date.now() - idleSince >= (queue.idleMs ?? 10_000)) break;
    }
    await new Promise((r) => setTimeout(r, 500));
    plans = await planLedger(databaseUrl, planIds);
    runs = await runLedger(databaseUrl, runIds);
  }
  return { plans, runs, settledAfterMs: Date.now() - started };
}

/** Jobs BullMQ failed for good, per queue, with their reasons (e.g. "job stalled more than allowable limit"). */
export async function failedJobs(
  redisUrl: string,
  prefix: string,
): Promise<{ queue: string; id: string | undefined; reason: string; attempts: number }[]> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const out: { queue: string; id: string | undefined; reason: string; attempts: number }[] = [];
    for (const def of Object.values(queues)) {
      const queue = openQueue(def, connection, prefix);
      const jobs = await queue.getFailed(0, 1000);
      for (const job of jobs)
        out.push({ queue: def.name, id: job.id, reason: job.failedReason, attempts: job.attemptsMade });
      await queue.close();
    }
    return out;
  } finally {
    connection.disconnect();
  }
}
