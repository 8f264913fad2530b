import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorkspace, deleteQueuePrefix, getFreePort, repoRoot, uniqueName } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `pnpm build && pnpm start` as a user runs it (`pnpm start` is `pnpm build` then
 * `node --conditions=@saeq/compiled scripts/dist/start.js`): every service process runs its
 * compiled dist/main.js under plain Node, with no tsx in its arguments. Embedded PGlite, the
 * shared Redis under a queue prefix of its own.
 */
let start: ChildProcess | undefined;
let output = '';
let dataDir = '';
let prefix = '';
let apiBase = '';

/** Command lines of the live children of `pid` (from /proc). */
function childCommandLines(pid: number): string[][] {
  const out: string[][] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) in parentheses: state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean));
    } catch {
      // Exited meanwhile.
    }
  }
  return out;
}

beforeAll(async () => {
  buildWorkspace();
  dataDir = mkdtempSync(join(tmpdir(), 'saeq-start-compiled-'));
  prefix = uniqueName('startjs');
  const port = await getFreePort();
  apiBase = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    QUEUE_PREFIX: prefix,
    BOOTSTRAP_API_KEY: `saeq_start_${randomBytes(16).toString('hex')}`,
    METRICS_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  // One machine, embedded database: NODE_ENV=production would require DATABASE_URL.
  delete env.NODE_ENV;
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  start = spawn(process.execPath, ['--conditions=@saeq/compiled', 'scripts/dist/start.js'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  start.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  start.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const deadline = Date.now() + 150_000;
  for (;;) {
    const ready = await fetch(`${apiBase}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline || start.exitCode !== null)
      throw new Error(`compiled start did not become ready:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 300_000);

afterAll(async () => {
  if (start && start.exitCode === null) {
    const exited = new Promise<void>((r) => start?.once('exit', () => r()));
    start.kill('SIGINT');
    await Promise.race([exited, new Promise<void>((r) => setTimeout(r, 40_000).unref())]);
    if (start.exitCode === null) start.kill('SIGKILL');
  }
  if (prefix) await deleteQueuePrefix(prefix).catch(() => {});
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('pnpm start (compiled)', () => {
  it('runs every service from its compiled dist/main.js, with no tsx in any process arguments', async () => {
    expect(output).toContain('Services: compiled JavaScript (services/*/dist)');
    // The four services are up once each has started (the gateway is ready; workers may still boot).
    let commands: string[][] = [];
    for (let i = 0; i < 100; i++) {
      commands = childCommandLines(start?.pid ?? 0).filter((c) => c.some((a) => a.includes('/services/')));
      if (commands.length === 4) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const entries = commands.map((c) => c.at(-1)?.replace(`${repoRoot}/`, '')).sort();
    expect(entries).toEqual([
      'services/gateway/dist/main.js',
      'services/worker-agents/dist/main.js',
      'services/worker-bom/dist/main.js',
      'services/worker-pdf/dist/main.js',
    ]);
    for (const command of commands) {
      expect(command.join(' ')).not.toMatch(/\btsx\b/);
      expect(command[0]).toBe(process.execPath);
    }
    const health = await fetch(`${apiBase}/health/ready`);
    expect(health.status).toBe(200);
  });
});
