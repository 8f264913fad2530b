import type { RedisClient } from '@saeq/shared/redis';
import { buildTextPdf } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

/**
 * How many times each write route waits on Redis and on Postgres, counted on the gateway's real
 * clients (nothing is stubbed: the commands and queries run). Under `appendfsync always` every
 * Redis round trip that writes pays an fsync, and every sequential one adds latency to the
 * request: these counts are the budget, asserted so that a new middleware cannot add a round
 * trip unnoticed. A route that legitimately needs one more updates its count here, on purpose.
 */

type Counts = { redis: string[]; postgres: string[] };

/**
 * Counts round trips of `redis`: a command sent on its own is one; a pipeline or MULTI (all its
 * commands written at once, one reply batch) is one, named by its commands.
 */
function countRedis(redis: RedisClient, into: Counts): void {
  type SendCommand = (command: { name: string }, stream?: { isPipeline?: boolean }) => unknown;
  const client = redis as unknown as { sendCommand: SendCommand };
  const original = client.sendCommand.bind(redis);
  let pipeline: { stream: object; index: number } | null = null;
  client.sendCommand = (command, stream) => {
    if (stream?.isPipeline) {
      if (pipeline?.stream !== stream) {
        pipeline = { stream, index: into.redis.length };
        into.redis.push('pipeline:');
      }
      into.redis[pipeline.index] += ` ${command.name}`;
    } else {
      pipeline = null;
      into.redis.push(command.name);
    }
    return original(command, stream);
  };
}

/**
 * Counts Postgres queries (each one round trip) on every connection of the gateway's pool:
 * those open already and those it opens later. `pool.query` and transactions both end up in a
 * connection's `query`.
 */
function countPostgres(db: unknown, into: Counts): void {
  type Connection = { query: (...args: unknown[]) => unknown; counted?: boolean };
  type Pool = { on(event: 'connect', listener: (c: Connection) => void): void; _clients?: Connection[] };
  const pool = (db as { $client: Pool }).$client;
  const describe = (args: unknown[]) => {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : (first?.text ?? '?');
    return text.trim().split(/\s+/).slice(0, 3).join(' ').toLowerCase();
  };
  const count = (connection: Connection) => {
    if (connection.counted) return;
    connection.counted = true;
    const original = connection.query.bind(connection);
    connection.query = (...args: unknown[]) => {
      into.postgres.push(describe(args));
      return original(...args);
    };
  };
  // pg-pool keeps its connections in `_clients` (not public API; a test may look).
  for (const connection of pool._clients ?? []) count(connection);
  pool.on('connect', count);
}

let gw: TestGateway;
let pdf: Uint8Array<ArrayBuffer>;
const counts: Counts = { redis: [], postgres: [] };

beforeAll(async () => {
  // Limits stay on (their Redis call is counted) but never trip.
  const never = '1000000/60';
  gw = await startTestGateway({
    RATE_LIMIT_GENERAL: never,
    RATE_LIMIT_AGENT_RUNS: never,
    RATE_LIMIT_UPLOADS: never,
  });
  pdf = await buildTextPdf(['PLAN ÉLECTRIQUE — SOUS-SOL']);
  await Promise.all(Object.values(gw.deps.queues).map((q) => q.pause()));
  countRedis(gw.deps.redis, counts);
  countPostgres(gw.deps.db.db, counts);
  // Warm up: the key is resolved and cached, its lastUsedAt touched, the scripts loaded into
  // Redis (EVALSHA's first NOSCRIPT), BullMQ's own first-use commands sent.
  for (const run of [agentRun, upload, calculation]) expect((await run()).status).toBeLessThan(300);
  await new Promise((r) => setTimeout(r, 200));
}, 60_000);
afterAll(async () => {
  await gw?.close();
});

const agentRun = () =>
  gw.app.request('/v1/agents/electrical-calculator/runs', {
    method: 'POST',
    headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
    body: JSON.stringify({ message: 'Calibre pour 40 A?' }),
  });
const upload = () =>
  gw.app.request('/v1/plans', {
    method: 'POST',
    headers: bearer(gw.keys.acme, { 'content-type': 'application/pdf' }),
    body: pdf,
  });
const calculation = () =>
  gw.app.request('/v1/calculations/voltage-drop', {
    method: 'POST',
    headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
    body: JSON.stringify({
      material: 'copper',
      size: '12 AWG',
      lengthM: 30,
      currentA: 16,
      voltage: 120,
      phases: 1,
    }),
  });

/** The round trips of one request, alone (nothing else in flight). */
async function roundTrips(send: () => Response | Promise<Response>): Promise<Counts & { status: number }> {
  counts.redis.length = 0;
  counts.postgres.length = 0;
  const res = await send();
  await res.arrayBuffer();
  return { status: res.status, redis: [...counts.redis], postgres: [...counts.postgres] };
}

describe('round trips per write request (key cached, as on every request but a key’s first)', () => {
  it('POST /v1/agents/{id}/runs: one Redis call for both its limits, one to queue; one INSERT', async () => {
    const trips = await roundTrips(agentRun);
    expect(trips.status).toBe(202);
    // general + agentRuns drawn by one script; the job queued by addBulk's pipeline.
    expect(trips.redis).toEqual(['evalsha', 'pipeline: evalsha']);
    expect(trips.postgres).toEqual(['insert into agent_runs']);
  });

  it('POST /v1/plans: one Redis call for both its limits, one to queue; the plan and its stages in one transaction', async () => {
    const trips = await roundTrips(upload);
    expect(trips.status).toBe(202);
    // Limits (general + uploads), then Queue.add of the analysis job (one script).
    expect(trips.redis).toEqual(['evalsha', 'evalsha']);
    // Uploads are few (RATE_LIMIT_UPLOADS, 20 an hour by default): its transaction is left as
    // it is, four round trips, rather than folded into one statement.
    expect(trips.postgres).toEqual(['begin', 'insert into "plans"', 'insert into "plan_stages"', 'commit']);
  });

  it('POST /v1/calculations/{kind}: one Redis call (its limit), no Postgres', async () => {
    const trips = await roundTrips(calculation);
    expect(trips.status).toBe(200);
    expect(trips.redis).toEqual(['evalsha']);
    expect(trips.postgres).toEqual([]);
  });

  it('32 concurrent agent runs share their INSERTs and queue calls (group commit)', async () => {
    counts.redis.length = 0;
    counts.postgres.length = 0;
    const responses = await Promise.all(Array.from({ length: 32 }, agentRun));
    expect(responses.map((r) => r.status)).toEqual(Array(32).fill(202));
    const limitCalls = counts.redis.filter((c) => c === 'evalsha').length;
    const queueCalls = counts.redis.filter((c) => c.startsWith('pipeline:')).length;
    expect(limitCalls).toBe(32);
    // Requests arrive over a few milliseconds: a handful of groups, never one call per request.
    expect(queueCalls).toBeLessThan(8);
    expect(counts.postgres.length).toBe(queueCalls);
    expect(counts.redis.length).toBe(limitCalls + queueCalls);
  });
});
