import autocannon from 'autocannon';
import { type CalculationKind, calculations } from '../packages/electrical-code/src/index.ts';
import { listenOnLoopback, startBenchGateway } from './bench-gateway.ts';
import { type BenchRow, isMain, markdownTable, throughputRow } from './report.ts';
import { benchEnvironment, disposeBenchEnvironment } from './worker-fleet.ts';

/**
 * Calculations per second (issue 10): the pure functions in-process (`calculations[kind].run`,
 * input parsed by its zod schema as the gateway does), and `POST /v1/calculations/{kind}` over
 * HTTP through the real gateway (auth, rate limit in Redis, JSON limits, validation, problem
 * handling, compression) against a bare handler on @hono/node-server doing the same parse-and-run, at
 * the same concurrency, in the same run. The HTTP ratio is the cost of our middleware.
 *
 *   node --import tsx bench/calculations.ts [--seconds 5] [--concurrency 32]
 */

export const calculationSamples: Record<CalculationKind, unknown> = {
  'dwelling-load': {
    livingAreaM2: 150,
    rangeW: 12_000,
    spaceHeatingW: 15_000,
    waterHeaters: [{ watts: 4500, kind: 'storage' }],
  },
  'apartment-load': { units: [{ livingAreaM2: 70 }, { livingAreaM2: 80 }, { livingAreaM2: 95 }] },
  'conductor-size': {
    currentA: 40,
    material: 'copper',
    insulationRatingC: 90,
    terminationRatingC: 75,
    installation: 'raceway-or-cable',
  },
  'voltage-drop': { material: 'copper', size: '12 AWG', lengthM: 30, currentA: 16, voltage: 120, phases: 1 },
  'box-fill': { boxVolumeML: 350, conductors: [{ size: '14 AWG', count: 6 }], devices: 1 },
};

function inProcessRate(kind: CalculationKind, ms: number): number {
  const calc = calculations[kind];
  const body = JSON.stringify(calculationSamples[kind]);
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    for (let i = 0; i < 100; i++) {
      // What the route does besides HTTP: parse the JSON text, validate, run.
      calc.run(calc.input.parse(JSON.parse(body)) as never, { lang: 'fr' });
    }
    n += 100;
  }
  return n / ((performance.now() - started) / 1000);
}

async function hammer(
  url: string,
  body: string,
  headers: Record<string, string>,
  seconds: number,
  concurrency: number,
) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: concurrency,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { rate: result.requests.average, non2xx: result.non2xx + result.errors, p99: result.latency.p99 };
}

export async function benchCalculations(
  opts: { seconds?: number | undefined; concurrency?: number | undefined } = {},
): Promise<BenchRow[]> {
  const seconds = opts.seconds ?? 5;
  const concurrency = opts.concurrency ?? 32;
  const rows: BenchRow[] = [];

  // In-process: every kind (the pure functions, no HTTP).
  const inProcess = Object.fromEntries(
    (Object.keys(calculations) as CalculationKind[]).map((k) => [k, inProcessRate(k, 1000)]),
  ) as Record<CalculationKind, number>;

  const env = await benchEnvironment('calc');
  const gateway = await startBenchGateway(env, { scopes: ['calc'] });
  const { key } = gateway;
  // The baseline: a bare fetch handler on the same server adapter, same parse + run + JSON answer.
  const bare = await listenOnLoopback(async (req) => {
    const kind = new URL(req.url).pathname.split('/').at(-1) as CalculationKind;
    const calc = calculations[kind];
    return Response.json(calc.run(calc.input.parse(await req.json()) as never, { lang: 'fr' }));
  });
  try {
    for (const kind of ['dwelling-load', 'voltage-drop'] as const) {
      const body = JSON.stringify(calculationSamples[kind]);
      const base = await hammer(`${bare.url}/v1/calculations/${kind}`, body, {}, seconds, concurrency);
      const ours = await hammer(
        `${gateway.url}/v1/calculations/${kind}`,
        body,
        { authorization: `Bearer ${key}` },
        seconds,
        concurrency,
      );
      if (ours.non2xx > 0 || base.non2xx > 0)
        throw new Error(`${kind}: ${ours.non2xx} / ${base.non2xx} failed requests`);
      rows.push(
        throughputRow(
          'calculations',
          `${kind} over HTTP, concurrency ${concurrency} (gateway p99 ${ours.p99} ms)`,
          ours.rate,
          base.rate,
          'req/s',
          {
            baselineLabel: 'bare handler, same parse + run',
          },
        ),
        throughputRow(
          'calculations',
          `${kind}: gateway HTTP vs in-process`,
          ours.rate,
          inProcess[kind],
          'calc/s',
          {
            baselineLabel: 'calculations[kind].run in-process',
          },
        ),
      );
    }
  } finally {
    bare.close();
    await gateway.close();
    await disposeBenchEnvironment(env, []);
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const rows = await benchCalculations({ seconds: arg('--seconds'), concurrency: arg('--concurrency') });
  console.log(markdownTable(rows));
  process.exit(0);
}
