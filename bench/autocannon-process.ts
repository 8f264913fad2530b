import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin', 'autocannon');

export type LoadOptions = {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  /** Fixed arrival rate for the whole run (req/s); omitted = as fast as possible. */
  overallRate?: number;
};

export type LoadResult = { rate: number; p50: number; p99: number; errors: number; requests: number };

/**
 * Runs autocannon in its own process. Load generated inside the process under test would take
 * CPU from the very event loop being measured (2 cores here), so the generator gets its own
 * process, as it would be on any real load test.
 */
export async function runAutocannon(opts: LoadOptions): Promise<LoadResult> {
  const args = ['--json', '--no-progress', '-c', String(opts.connections), '-d', String(opts.seconds)];
  if (opts.method) args.push('-m', opts.method);
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  if (opts.body !== undefined) args.push('-b', opts.body);
  if (opts.overallRate) args.push('-R', String(opts.overallRate));
  args.push(opts.url);
  const { stdout } = await run(bin, args, { maxBuffer: 64 * 1024 * 1024 });
  const json = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    rate: json.requests.average,
    p50: json.latency.p50,
    p99: json.latency.p99,
    errors: json.errors + json.non2xx,
    requests: json.requests.total,
  };
}
