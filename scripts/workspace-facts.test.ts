import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { queues } from '@saeq/shared/queues';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every workspace package.json (packages/*, services/*, apps/*). */
function workspacePackages(): {
  dir: string;
  manifest: {
    name: string;
    exports?: Record<string, string | { '@saeq/compiled'?: string; default?: string }>;
  };
}[] {
  return ['packages', 'services', 'apps'].flatMap((group) =>
    readdirSync(join(repoRoot, group), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(repoRoot, group, d.name, 'package.json')))
      .map((d) => {
        const dir = join(repoRoot, group, d.name);
        return { dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
      }),
  );
}

describe('facts the code and docs state', () => {
  it('every subpath a workspace package exports points at a file that exists', () => {
    const missing: string[] = [];
    for (const { dir, manifest } of workspacePackages()) {
      for (const [subpath, exported] of Object.entries(manifest.exports ?? {})) {
        const target = typeof exported === 'string' ? exported : exported.default;
        if (target === undefined || target.includes('*')) continue;
        if (!existsSync(join(dir, target))) missing.push(`${manifest.name} ${subpath} → ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every export has its compiled twin under @saeq/compiled: the same path in dist/, .js for .ts', () => {
    const wrong: string[] = [];
    for (const { manifest } of workspacePackages()) {
      for (const [subpath, exported] of Object.entries(manifest.exports ?? {})) {
        if (typeof exported === 'string') continue; // apps/console has no exports; tooling is not here
        const expected = exported.default?.replace(/^\.\/src\//, './dist/').replace(/\.ts$/, '.js');
        if (exported['@saeq/compiled'] !== expected || Object.keys(exported)[0] !== '@saeq/compiled')
          wrong.push(`${manifest.name} ${subpath}: ${JSON.stringify(exported)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the webhook queue retries a delivery for about 5.7 hours, as its comment says', () => {
    const { attempts = 1, backoff } = queues.webhook.defaultJobOptions;
    const delay = typeof backoff === 'object' ? (backoff.delay ?? 0) : 0;
    // Exponential backoff: attempt k (k ≥ 2) waits delay × 2^(k-2); 10 s × (2^11 − 1) = 20 470 s.
    const totalMs = Array.from({ length: attempts - 1 }, (_, k) => delay * 2 ** k).reduce((a, b) => a + b, 0);
    expect(totalMs / 3_600_000).toBeCloseTo(5.7, 1);
    const source = readFileSync(join(repoRoot, 'packages/shared/src/queues/webhook.ts'), 'utf8');
    expect(source).toMatch(/5\.7 h/);
    expect(source).not.toMatch(/2 days/);
  });

  it('README quotes the accuracy docs/accuracy.md measures (overall sheet F1)', () => {
    const accuracy = readFileSync(join(repoRoot, 'docs/accuracy.md'), 'utf8');
    const overall = /\| \*\*overall\*\* \| \d+ \| [\d.]+ % \| [\d.]+ % \| ([\d.]+) %/.exec(accuracy)?.[1];
    expect(overall).toBeDefined();
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const quoted = /count F1 ≈ ([\d.]+) %/.exec(readme)?.[1];
    expect(quoted).toBe(overall);
  });

  it('README does not promise that retries never duplicate work (delivery is at least once)', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/never duplicate work/);
    expect(readme).toMatch(/at least once/);
  });

  it('.env.example comments each variable on its own line (labour rate comment on DEFAULT_LABOUR_RATE_CENTS)', () => {
    const lines = readFileSync(join(repoRoot, '.env.example'), 'utf8').split('\n');
    const labour = lines.find((l) => l.startsWith('DEFAULT_LABOUR_RATE_CENTS='));
    expect(labour).toMatch(/95,00 \$\/h/);
    const concurrency = lines.find((l) => l.startsWith('WEBHOOK_CONCURRENCY='));
    expect(concurrency).not.toMatch(/\$\/h/);
  });
});
