import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { buildWorkspace, type LocalStack, repoRoot, startLocalStack } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `pnpm build && pnpm start` as a user runs it (`pnpm start` is `pnpm build` then
 * `node --conditions=@saeq/compiled scripts/dist/start.js`): every service process runs its
 * compiled dist/main.js under plain Node, with no tsx in its arguments. Embedded PGlite, the
 * shared Redis under a queue prefix of its own.
 */
let stack: LocalStack | undefined;

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
  stack = await startLocalStack({
    label: 'startjs',
    compiled: true,
    bootstrapKey: `saeq_start_${randomBytes(16).toString('hex')}`,
    // One machine, embedded database: NODE_ENV=production would require DATABASE_URL.
    env: { NODE_ENV: undefined, NODE_OPTIONS: undefined },
  });
}, 300_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

describe('pnpm start (compiled)', () => {
  it('runs every service from its compiled dist/main.js, with no tsx in any process arguments', async () => {
    expect(stack?.output()).toContain('Services: compiled JavaScript (services/*/dist)');
    // The four services are up once each has started (the gateway is ready; workers may still boot).
    let commands: string[][] = [];
    for (let i = 0; i < 100; i++) {
      commands = childCommandLines(stack?.child.pid ?? 0).filter((c) =>
        c.some((a) => a.includes('/services/')),
      );
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
    const health = await fetch(`${stack?.apiBase}/health/ready`);
    expect(health.status).toBe(200);
  });
});
