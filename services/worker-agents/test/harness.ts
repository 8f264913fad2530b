import { buildBom, defaultCatalog } from '@saeq/bom';
import { runCompliance } from '@saeq/electrical-code';
import { ensureOrganisation } from '@saeq/shared/auth';
import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { type AgentRun, type AgentRunEvent, agentRunEvents, agentRuns, type Db } from '@saeq/shared/db';
import { createLogger } from '@saeq/shared/logger';
import { completeStage, createPlanWithStages } from '@saeq/shared/plans';
import { enqueue, openQueue, queues } from '@saeq/shared/queues';
import type { WorkerService } from '@saeq/shared/worker-runtime';
import {
  createTestDatabase,
  deleteQueuePrefix,
  type FakeAnthropic,
  type FakeAnthropicOptions,
  startFakeAnthropic,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
  waitFor,
} from '@saeq/testing';
import type { Queue } from 'bullmq';
import { asc, eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { loadWorkerAgentsEnv } from '../src/env.ts';
import { startAgentsService } from '../src/service.ts';

/**
 * The agents worker in-process on the real Postgres (fresh database) and Redis (unique queue
 * prefix), talking to a fake Anthropic server on loopback — or to none (offline mode).
 */
export type AgentsHarness = {
  db: Db;
  database: TestDatabase;
  fake: FakeAnthropic | null;
  prefix: string;
  service: WorkerService;
  queue: Queue;
  orgs: { acme: string; other: string };
  submit(run: {
    agentId: string;
    message: string;
    org?: string;
    planId?: string;
    conversationId?: string;
    lang?: 'fr' | 'en';
  }): Promise<string>;
  waitFinished(runId: string, timeoutMs?: number): Promise<AgentRun>;
  events(runId: string): Promise<AgentRunEvent[]>;
  close(): Promise<void>;
};

export async function startAgentsHarness(
  opts: { offline?: boolean; env?: Record<string, string>; fake?: FakeAnthropicOptions } = {},
): Promise<AgentsHarness> {
  const database = await createTestDatabase();
  const prefix = uniqueName('agents');
  const fake = opts.offline ? null : await startFakeAnthropic(opts.fake);
  const env = loadWorkerAgentsEnv({
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: prefix,
    DATA_DIR: '/nonexistent',
    METRICS_PORT: '0',
    METRICS_HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    AGENT_CONCURRENCY: '4',
    AGENT_RATE_LIMIT_PER_MINUTE: '0',
    ...(fake ? { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url } : {}),
    ...opts.env,
  });
  const logger = createLogger({ service: 'worker-agents-test', level: 'silent' });
  const service = await startAgentsService(env, logger);
  const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
  const queue = openQueue(queues.agentRun, connection, prefix);
  const db = database.handle.db;
  const orgs = { acme: await ensureOrganisation(db, 'acme'), other: await ensureOrganisation(db, 'other') };

  const loadRun = async (runId: string) =>
    (await db.select().from(agentRuns).where(eq(agentRuns.id, runId)))[0];

  return {
    db,
    database,
    fake,
    prefix,
    service,
    queue,
    orgs,
    submit: async (run) => {
      const organisationId = run.org ?? orgs.acme;
      const [row] = await db
        .insert(agentRuns)
        .values({
          organisationId,
          agentId: run.agentId,
          message: run.message,
          lang: run.lang ?? 'fr',
          planId: run.planId ?? null,
          conversationId: run.conversationId ?? null,
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await enqueue(
        queue,
        queues.agentRun,
        { runId: row.id, organisationId, agentId: run.agentId },
        { jobId: row.id },
      );
      return row.id;
    },
    waitFinished: (runId, timeoutMs = 20_000) =>
      waitFor(
        async () => {
          const run = await loadRun(runId);
          return run && (run.status === 'completed' || run.status === 'failed') ? run : undefined;
        },
        { timeoutMs, intervalMs: 50, what: `agent run ${runId} finished` },
      ),
    events: (runId) =>
      db
        .select()
        .from(agentRunEvents)
        .where(eq(agentRunEvents.runId, runId))
        .orderBy(asc(agentRunEvents.seq)),
    close: async () => {
      await service.close();
      await queue.close();
      connection.disconnect();
      await fake?.close();
      await database.drop();
      await deleteQueuePrefix(prefix);
    },
  };
}

/** A small house plan analysis: two rooms, one panel schedule, a handful of devices. */
export function houseAnalysis(): PlanAnalysis {
  const symbol = (
    type: 'receptacle' | 'luminaire' | 'switch' | 'smoke_detector',
    room: string,
    x: number,
  ) => ({
    type,
    symbolId: type,
    x,
    y: 300,
    rotation: 0,
    room,
    circuit: null,
    confidence: 0.95,
  });
  return {
    pages: [
      {
        number: 1,
        widthPt: 1224,
        heightPt: 792,
        rotation: 0,
        scale: { text: 'ÉCHELLE 1:50', metresPerPoint: 0.0176 },
        legend: [{ symbolId: 'receptacle', label: 'Prise double', type: 'receptacle' }],
        rooms: [
          { name: 'CUISINE', areaM2: 14.2 },
          { name: 'CHAMBRE 1', areaM2: 11 },
        ],
        symbols: [
          symbol('receptacle', 'CUISINE', 100),
          symbol('receptacle', 'CUISINE', 140),
          symbol('receptacle', 'CHAMBRE 1', 400),
          symbol('luminaire', 'CUISINE', 120),
          symbol('switch', 'CUISINE', 90),
          symbol('smoke_detector', 'CHAMBRE 1', 420),
        ],
        panels: [
          {
            name: 'A',
            voltage: '120/240 V',
            phases: 1,
            mainA: 200,
            circuits: [
              { number: 1, description: 'PRISES CUISINE', amps: 20, poles: 1 },
              { number: 2, description: 'CHAMBRE 1 PRISES', amps: 15, poles: 1 },
            ],
          },
        ],
        text: 'PLAN ÉLECTRIQUE — REZ-DE-CHAUSSÉE',
      },
    ],
    counts: {
      byType: { receptacle: 3, luminaire: 1, switch: 1, smoke_detector: 1 },
      byRoom: {
        CUISINE: { receptacle: 2, luminaire: 1, switch: 1 },
        'CHAMBRE 1': { receptacle: 1, smoke_detector: 1 },
      },
      bySheet: { '1': { receptacle: 3, luminaire: 1, switch: 1, smoke_detector: 1 } },
    },
    warnings: [{ code: 'scale_assumed', message: 'Échelle lue dans le cartouche.', page: 1 }],
  };
}

/**
 * A plan of `organisationId` with its stages stored as the workers store them: the analysis,
 * and optionally the compliance report and the BOM (both languages).
 */
export async function seedPlan(
  db: Db,
  organisationId: string,
  opts: { name?: string; compliance?: boolean; bom?: boolean } = {},
): Promise<string> {
  const plan = await createPlanWithStages(db, {
    organisationId,
    name: opts.name ?? 'Maison Tremblay',
    filename: 'maison.pdf',
    sizeBytes: 1000,
    sha256: 'a'.repeat(64),
    edition: '2026',
  });
  const analysis = houseAnalysis();
  const now = new Date();
  await completeStage(db, plan.id, 'analysis', analysis, now, { pages: 1 });
  if (opts.compliance) {
    const byLang = {
      fr: runCompliance(analysis, {}, { edition: '2026', lang: 'fr' }),
      en: runCompliance(analysis, {}, { edition: '2026', lang: 'en' }),
    };
    await completeStage(db, plan.id, 'compliance', { kind: 'compliance', byLang }, now);
  }
  if (opts.bom) {
    const build = (lang: 'fr' | 'en') =>
      buildBom({
        analysis,
        catalog: defaultCatalog,
        fallbackCatalog: defaultCatalog,
        labourRateCents: 9500,
        lang,
      });
    const noExport = { xlsx: '0'.repeat(64), 'csv-comma': '0'.repeat(64), 'csv-semicolon': '0'.repeat(64) };
    await completeStage(
      db,
      plan.id,
      'bom',
      { kind: 'bom', byLang: { fr: build('fr'), en: build('en') }, exports: { fr: noExport, en: noExport } },
      now,
    );
  }
  return plan.id;
}
