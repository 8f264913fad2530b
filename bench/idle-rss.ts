import { parseArgs } from 'node:util';
import {
  getFreePort,
  type RunningService,
  type ServiceName,
  startService,
  testRedisUrl,
  waitHealthy,
} from '@saeq/testing';
import { type BenchRow, isMain, markdownTable, throughputRow } from './report.ts';
import { benchEnvironment, disposeBenchEnvironment, procKb } from './worker-fleet.ts';

/**
 * Idle RSS of each service (issue 20), compiled (`pnpm build`: dist/main.js under plain Node, as
 * `pnpm start` and the image run it) against the same service from its TypeScript sources under
 * tsx (how every service ran before issue 20), in the same run. Each process is started alone on
 * a fresh database and queue prefix, waits until it answers its health check, then idles
 * `--settle` seconds (worker-pdf's analysis thread loads pdfjs at start) before its RSS is read.
 *
 *   pnpm build && node --import tsx bench/idle-rss.ts [--settle 8]
 */
const services: ServiceName[] = ['gateway', 'worker-pdf', 'worker-agents', 'worker-bom'];

async function idleRssMb(name: ServiceName, compiled: boolean, settleMs: number): Promise<number> {
  const env = await benchEnvironment(`idle_${name.replace('-', '_')}`);
  const services: RunningService[] = [];
  try {
    const port = await getFreePort();
    const metricsPort = await getFreePort();
    const service = startService(
      name,
      {
        DATABASE_URL: env.db.url,
        REDIS_URL: testRedisUrl,
        QUEUE_PREFIX: env.prefix,
        DATA_DIR: env.dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        METRICS_PORT: String(metricsPort),
        METRICS_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      { compiled },
    );
    services.push(service);
    const health =
      name === 'gateway'
        ? `http://127.0.0.1:${port}/health/ready`
        : `http://127.0.0.1:${metricsPort}/health/ready`;
    await waitHealthy(health, 180_000);
    await new Promise((r) => setTimeout(r, settleMs));
    return procKb(service.child.pid ?? 0, 'VmRSS') / 1024;
  } finally {
    await disposeBenchEnvironment(env, services);
  }
}

export async function benchIdleRss(opts: { settleSeconds?: number | undefined } = {}): Promise<BenchRow[]> {
  const settleMs = (opts.settleSeconds ?? 8) * 1000;
  const rows: BenchRow[] = [];
  for (const name of services) {
    const sources = await idleRssMb(name, false, settleMs);
    const compiled = await idleRssMb(name, true, settleMs);
    rows.push(
      throughputRow(
        'idle RSS',
        `${name}: compiled dist/main.js vs sources under tsx`,
        compiled,
        sources,
        'MB',
        {
          baselineLabel: 'tsx',
        },
      ),
    );
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { settle: { type: 'string' } } });
  const rows = await benchIdleRss({
    settleSeconds: values.settle === undefined ? undefined : Number(values.settle),
  });
  console.log(markdownTable(rows));
  process.exit(0);
}
