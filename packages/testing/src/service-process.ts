import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export type ServiceName = 'gateway' | 'worker-pdf' | 'worker-agents' | 'worker-bom';

export type RunningService = {
  name: ServiceName;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
  kill(signal?: NodeJS.Signals): void;
};

/**
 * Node's arguments that start a service: its TypeScript sources under tsx (`node --import tsx`,
 * not the tsx CLI, which forks a second process: the pid is the service's own and signals reach
 * it directly), or with `compiled` its `dist/main.js` as production runs it, with the
 * `@saeq/compiled` export condition (workspace packages resolve to their dist/, not src/).
 */
export function serviceCommand(name: ServiceName, opts: { compiled?: boolean } = {}): string[] {
  if (!opts.compiled) return ['--import', 'tsx', join(root, 'services', name, 'src', 'main.ts')];
  const main = join(root, 'services', name, 'dist', 'main.js');
  if (!existsSync(main))
    throw new Error(`${main} is missing: run \`pnpm build\` (or buildWorkspace()) first`);
  return ['--conditions=@saeq/compiled', '--enable-source-maps', main];
}

/**
 * Compiles every package and service to `dist/`, and the start/migrate/key scripts to
 * scripts/dist (`pnpm build` without turbo's cache), for tests that run what production runs.
 * Each dist is swapped in whole (tooling/build), so a process starting meanwhile never reads a
 * half-written one.
 * @throws Error with the build's output when it fails.
 */
export function buildWorkspace(): void {
  for (const args of [
    ['--filter', './packages/*', '--filter', './services/*', 'run', 'build'],
    ['run', 'build:scripts'],
  ]) {
    const result = spawnSync('pnpm', args, { cwd: root, encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(`pnpm ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * Starts one of our services as a real process (as `pnpm --filter … start` would), with its
 * output captured: from its TypeScript sources by default, its compiled JavaScript with `compiled`.
 */
export function startService(
  name: ServiceName,
  env: Record<string, string>,
  opts: { compiled?: boolean } = {},
): RunningService {
  const child = spawn(process.execPath, serviceCommand(name, opts), {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      LOG_PRETTY: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | string>((r) =>
    child.once('exit', (code, signal) => r(code ?? signal ?? 'unknown')),
  );
  return {
    name,
    child,
    output: () => out,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** Waits until a service's health endpoint answers 200. */
export async function waitHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms`);
}

export { root as repoRoot };
