import { getFreePort, type RunningService, type ServiceName, startService, waitHealthy } from '@saeq/testing';
import { reapStale, recordOwned } from './infra.ts';

/**
 * SAEQ as real processes for the chaos scenarios: the gateway and the three kinds of worker,
 * each replica supervised (restarted after it dies, as `pnpm start`, compose or Kubernetes do).
 */

export type WorkerKind = Exclude<ServiceName, 'gateway'>;

/** startService, with the process recorded so a later run can stop it if this run dies first. */
function startOwnedService(name: ServiceName, env: Record<string, string>): RunningService {
  const service = startService(name, env);
  const pid = service.child.pid;
  if (pid !== undefined) {
    const forget = recordOwned({ kind: 'process', pid, match: `services/${name}/src/main.ts` });
    void service.exited.then(forget);
  }
  return service;
}
export const workerKinds: readonly WorkerKind[] = ['worker-pdf', 'worker-bom', 'worker-agents'];

export type Connection = {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  dataDir: string;
};

/** Worker settings for chaos: short locks so a killed worker's jobs are taken over in seconds. */
export function workerEnv(conn: Connection, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: conn.databaseUrl,
    REDIS_URL: conn.redisUrl,
    QUEUE_PREFIX: conn.prefix,
    DATA_DIR: conn.dataDir,
    METRICS_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    WORKER_LOCK_DURATION_MS: '5000',
    DATABASE_POOL_MAX: '4',
    PDF_CONCURRENCY: '2',
    PDF_PREVIEW_PAGES: '1',
    // Offline agents (no ANTHROPIC_API_KEY) and no run limiter: the load decides the pace.
    AGENT_RATE_LIMIT_PER_MINUTE: '0',
    ...extra,
  };
}

type Slot = {
  kind: WorkerKind;
  index: number;
  port: number;
  service: RunningService;
  starts: number;
  kills: number;
};

export type KillRecord = { at: number; kind: WorkerKind; index: number; pid: number | undefined };

/**
 * Replicas of each worker kind, each on its own health port, restarted `restartDelayMs` after
 * it exits for any reason (until `stop()`).
 */
export class WorkerFleet {
  readonly slots: Slot[] = [];
  readonly kills: KillRecord[] = [];
  private stopping = false;

  constructor(
    private readonly conn: Connection,
    private readonly replicas: Record<WorkerKind, number>,
    private readonly opts: { restartDelayMs: number; env?: Record<string, string> },
  ) {}

  async start(): Promise<void> {
    await reapStale();
    for (const kind of workerKinds) {
      for (let index = 0; index < this.replicas[kind]; index++) {
        const port = await getFreePort();
        const slot: Slot = { kind, index, port, service: this.spawn(kind, port), starts: 1, kills: 0 };
        this.watch(slot);
        this.slots.push(slot);
      }
    }
    try {
      await this.waitReady(180_000);
    } catch (err) {
      await this.stop();
      throw new Error(
        `${err instanceof Error ? err.message : String(err)}; output:\n${this.output().slice(-3000)}`,
      );
    }
  }

  private spawn(kind: WorkerKind, port: number): RunningService {
    return startOwnedService(kind, workerEnv(this.conn, { METRICS_PORT: String(port), ...this.opts.env }));
  }

  private watch(slot: Slot): void {
    void slot.service.exited.then(() => {
      if (this.stopping) return;
      setTimeout(() => {
        if (this.stopping) return;
        slot.service = this.spawn(slot.kind, slot.port);
        slot.starts++;
        this.watch(slot);
      }, this.opts.restartDelayMs);
    });
  }

  /** Every replica answers /health/ready 200 (dependencies up, workers consuming). */
  async waitReady(timeoutMs: number): Promise<void> {
    await Promise.all(
      this.slots.map((s) => waitHealthy(`http://127.0.0.1:${s.port}/health/ready`, timeoutMs)),
    );
  }

  healthUrls(): { kind: WorkerKind; index: number; url: string }[] {
    return this.slots.map((s) => ({ kind: s.kind, index: s.index, url: `http://127.0.0.1:${s.port}` }));
  }

  /** SIGKILLs a running replica of `kind` (or of a random kind); returns what was killed. */
  killOne(random: () => number, kind?: WorkerKind): KillRecord | null {
    const alive = this.slots.filter(
      (s) =>
        (kind === undefined || s.kind === kind) &&
        s.service.child.exitCode === null &&
        s.service.child.signalCode === null,
    );
    const slot = alive[Math.floor(random() * alive.length)];
    if (!slot) return null;
    const record = { at: Date.now(), kind: slot.kind, index: slot.index, pid: slot.service.child.pid };
    slot.service.kill('SIGKILL');
    slot.kills++;
    this.kills.push(record);
    return record;
  }

  /** All output of every replica so far (the current process of each slot). */
  output(): string {
    return this.slots.map((s) => `--- ${s.kind}#${s.index}\n${s.service.output()}`).join('\n');
  }

  /** SIGTERM, then SIGKILL after 5 s: the scenario's verdict is in; only the processes remain. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const s of this.slots) s.service.kill('SIGTERM');
    const deadline = setTimeout(() => {
      for (const s of this.slots) s.service.kill('SIGKILL');
    }, 5000);
    await Promise.all(this.slots.map((s) => s.service.exited));
    clearTimeout(deadline);
  }
}

export type GatewayProcess = {
  url: string;
  key: string;
  service: RunningService;
  stop(): Promise<void>;
};

/**
 * The gateway as a real process with an admin key, rate limits and the upload-slot cap high
 * enough never to trip: the scenarios test crashes and draining, not admission control.
 */
export async function startGatewayProcess(
  conn: Connection,
  extra: Record<string, string> = {},
): Promise<GatewayProcess> {
  const port = await getFreePort();
  const key = `chaos_${Math.random().toString(36).slice(2)}_${Date.now().toString(36)}_key`;
  const service = startOwnedService('gateway', {
    DATABASE_URL: conn.databaseUrl,
    REDIS_URL: conn.redisUrl,
    QUEUE_PREFIX: conn.prefix,
    DATA_DIR: conn.dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    BOOTSTRAP_API_KEY: key,
    BOOTSTRAP_ORG: 'chaos',
    LOG_LEVEL: 'warn',
    DATABASE_POOL_MAX: '10',
    ENABLE_BULL_BOARD: 'false',
    RATE_LIMIT_GENERAL: '1000000/60',
    RATE_LIMIT_READS: '1000000/60',
    RATE_LIMIT_AGENT_RUNS: '1000000/60',
    RATE_LIMIT_UPLOADS: '1000000/60',
    MAX_CONCURRENT_UPLOADS: '1000',
    ...extra,
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(`${url}/health/ready`, 180_000);
  } catch (err) {
    service.kill('SIGKILL');
    await service.exited;
    throw new Error(
      `${err instanceof Error ? err.message : String(err)}; gateway output:\n${service.output().slice(-3000)}`,
    );
  }
  return {
    url,
    key,
    service,
    stop: async () => {
      service.kill('SIGTERM');
      const timer = setTimeout(() => service.kill('SIGKILL'), 5000);
      await service.exited;
      clearTimeout(timer);
    },
  };
}

/** A small deterministic PRNG (mulberry32), so a chaos run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
