import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteQueuePrefix, uniqueName } from './infra.ts';
import { getFreePort } from './ports.ts';
import { repoRoot } from './service-process.ts';

export type LocalStack = {
  /** The `pnpm start` process (it runs the four services as its children). */
  child: ChildProcess;
  apiBase: string;
  dataDir: string;
  prefix: string;
  /** Everything the process and its services wrote so far, stdout and stderr. */
  output(): string;
  /** SIGINT (as Ctrl-C), SIGKILL after 40 s; then removes its queues and data directory. */
  stop(): Promise<void>;
};

/**
 * Starts the whole stack as a user does with `pnpm start` — from TypeScript (`scripts/start.ts`
 * under tsx), or with `compiled` as `node scripts/dist/start.js` (run `buildWorkspace()` first) —
 * on a free port, with embedded PGlite in a fresh data directory and the shared Redis under a
 * queue prefix of its own, and resolves once the gateway is ready. `env` adds variables; an
 * `undefined` value removes an inherited one. Cleans up after itself when it fails to start.
 */
export async function startLocalStack(opts: {
  label: string;
  bootstrapKey: string;
  compiled?: boolean;
  env?: Record<string, string | undefined>;
  readyTimeoutMs?: number;
}): Promise<LocalStack> {
  const dataDir = mkdtempSync(join(tmpdir(), `saeq-${opts.label}-`));
  const prefix = uniqueName(opts.label);
  const port = await getFreePort();
  const apiBase = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    QUEUE_PREFIX: prefix,
    BOOTSTRAP_API_KEY: opts.bootstrapKey,
    METRICS_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  // Embedded database: a DATABASE_URL from the test environment would point it elsewhere.
  delete env.DATABASE_URL;
  for (const [name, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const args = opts.compiled
    ? ['--conditions=@saeq/compiled', 'scripts/dist/start.js']
    : ['--import', 'tsx', 'scripts/start.ts'];
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGINT');
      await Promise.race([exited, new Promise<void>((r) => setTimeout(r, 40_000).unref())]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await deleteQueuePrefix(prefix).catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 150_000);
  for (;;) {
    const ready = await fetch(`${apiBase}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`${args.at(-1)} did not become ready:\n${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, apiBase, dataDir, prefix, output: () => out, stop };
}
