/**
 * What tracing costs the gateway: POST /v1/agents/…/runs (validate, insert, enqueue) against the
 * gateway process as production starts it (main.ts), with OTEL_EXPORTER_OTLP_ENDPOINT unset and
 * set, in interleaved rounds; medians reported. Tracing on exports every span (sampler default:
 * all) in the SDK's default encoding (http/protobuf) to a sink on loopback that accepts and
 * discards them, so the cost measured is the SDK's, not a collector's.
 *
 *   node --import tsx bench/tracing-overhead.ts [--seconds 8] [--concurrency 32] [--rounds 2] [--sampler-ratio 0.1]
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { queues } from '@saeq/shared/queues';
import { inspectQueue, testRedisUrl } from '@saeq/testing';
import { runAutocannon } from './autocannon-process.ts';
import { spawnGateway } from './bench-gateway.ts';
import { benchEnvironment, disposeBenchEnvironment, procKb } from './worker-fleet.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '2' },
    // Keep this share of traces (parentbased_traceidratio); unset = every trace.
    'sampler-ratio': { type: 'string' },
  },
});
const ratio = values['sampler-ratio'];
const sampler = ratio
  ? { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: ratio }
  : {};
const checkout = join(dirname(fileURLToPath(import.meta.url)), '..');

/** An OTLP/HTTP endpoint that accepts any export and keeps only counts. */
async function startOtlpSink() {
  let exports = 0;
  let bytes = 0;
  const server = createServer((req, res) => {
    req.on('data', (c: Buffer) => {
      bytes += c.length;
    });
    req.on('end', () => {
      exports += 1;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts: () => ({ exports, bytes }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Round = { tracing: boolean; rate: number; p99: number; errors: number; rssMb: number };

async function round(tracing: boolean, endpoint: string): Promise<Round> {
  const env = await benchEnvironment('tracing');
  const key = `saeq_bench_${randomBytes(12).toString('hex')}`;
  const gateway = await spawnGateway({
    checkout,
    databaseUrl: env.db.url,
    redisUrl: testRedisUrl,
    prefix: env.prefix,
    dataDir: env.dataDir,
    key,
    processes: 1,
    env: tracing ? { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, ...sampler } : {},
  });
  try {
    const result = await runAutocannon({
      url: `${gateway.url}/v1/agents/electrical-calculator/runs`,
      method: 'POST',
      connections: Number(values.concurrency),
      seconds: Number(values.seconds),
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Quel calibre pour un circuit de 40 A en cuivre 75 °C?' }),
    });
    return {
      tracing,
      rate: result.rate,
      p99: result.p99,
      errors: result.errors,
      rssMb: procKb(gateway.pid, 'VmRSS') / 1024,
    };
  } finally {
    await gateway.stop();
    const queue = inspectQueue(queues.agentRun.name, env.prefix);
    await queue.queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await disposeBenchEnvironment(env, []);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const sink = await startOtlpSink();
const rounds: Round[] = [];
const loadBefore = loadavg()[0] ?? 0;
for (let i = 0; i < Number(values.rounds); i++) {
  for (const tracing of [false, true]) rounds.push(await round(tracing, sink.endpoint));
}
await sink.close();
const summary = [false, true].map((tracing) => {
  const of = rounds.filter((r) => r.tracing === tracing);
  return {
    tracing: tracing ? 'on' : 'off',
    'req/s': Math.round(median(of.map((r) => r.rate))),
    'p99 ms': median(of.map((r) => r.p99)),
    errors: of.reduce((n, r) => n + r.errors, 0),
    'RSS MB': Math.round(median(of.map((r) => r.rssMb))),
  };
});
process.stdout.write(
  `${JSON.stringify({ rounds, summary, sink: sink.counts(), loadavg1m: [loadBefore, loadavg()[0]] }, null, 2)}\n`,
);
