import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ServiceName, serviceProcessEnv } from '../../scripts/start-services.ts';
import { repoRoot } from './helpers.ts';

/**
 * The image's stages, checked from the Dockerfile (CI has no Docker daemon to build it; where one
 * exists, `docker build --build-arg SERVICE=<service> .` builds the same stages): the build stage
 * compiles TypeScript with `pnpm build`'s per-package step, the runtime stage carries only
 * compiled JavaScript and production dependencies, and runs `node dist/main.js` — no tsx.
 */
type Instruction = { op: string; args: string };
type Stage = { from: string; name: string | undefined; instructions: Instruction[] };

function stages(dockerfile: string): Stage[] {
  const lines = dockerfile
    .replaceAll(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const out: Stage[] = [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      out.push({ from: m?.[1] ?? args, name: m?.[2], instructions: [] });
    } else out.at(-1)?.instructions.push({ op: op.toUpperCase(), args });
  }
  return out;
}

const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
const all = stages(dockerfile);
const build = all.find((s) => s.name === 'build');
const runtime = all.at(-1);
const runs = (stage: Stage | undefined) =>
  (stage?.instructions ?? []).filter((i) => i.op === 'RUN').map((i) => i.args);

const services: ServiceName[] = ['gateway', 'worker-pdf', 'worker-agents', 'worker-bom'];

/** `NAME=value ` for each variable scripts/start-services.ts gives the service's process. */
const envAssignments = (service: ServiceName) =>
  Object.entries(serviceProcessEnv[service])
    .map(([name, value]) => `${name}=${value} `)
    .join('');
const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as {
    name: string;
    scripts?: Record<string, string>;
    dependencies?: Record<string, string>;
  };

describe('Dockerfile', () => {
  it('has a build stage that installs with the lockfile (pdfjs patch included) and runs the build', () => {
    expect(build, 'a stage named build').toBeDefined();
    const copies = (build?.instructions ?? []).filter((i) => i.op === 'COPY').map((i) => i.args);
    for (const dir of ['patches', 'tooling', 'packages', 'services'])
      expect(copies.join('\n')).toContain(dir);
    const script = runs(build).join('\n');
    // The Dockerfile's own shell variable, spelt as it is there.
    const service = '$' + '{SERVICE}';
    expect(script).toContain(`pnpm install --frozen-lockfile --filter "@saeq/${service}..."`);
    expect(script).toContain(`pnpm --filter "@saeq/${service}..." run build`);
    expect(script).toContain(
      'tooling/build/build.mjs . --src scripts --out scripts/dist --entries migrate.ts,saeq.ts',
    );
    expect(script).toMatch(/pnpm deploy --filter "@saeq\/\$\{SERVICE\}" --prod/);
    // The stage fails the image when the output is not what the runtime stage runs.
    expect(script).toContain('test -f /out/dist/main.js');
    expect(script).toContain('! test -e /out/node_modules/tsx');
  });

  it('runs compiled JavaScript in the runtime stage: node dist/main.js, nothing of tsx or the build tools', () => {
    expect(runtime?.name).toBe('runtime');
    const text = (runtime?.instructions ?? []).map((i) => `${i.op} ${i.args}`).join('\n');
    expect(text).toContain('COPY --from=build /out ./');
    expect(text).not.toMatch(/\btsx\b|esbuild|pnpm|\.ts\b/);
    const cmd = runtime?.instructions.filter((i) => i.op === 'CMD').at(-1);
    expect(JSON.parse(cmd?.args ?? 'null')).toEqual([
      'node',
      '--conditions=@saeq/compiled',
      '--enable-source-maps',
      'dist/main.js',
    ]);
    expect(text).toContain('NODE_OPTIONS=--conditions=@saeq/compiled');
  });

  it("builds every service with saeq-build, and no service's production dependencies include tsx or a compiler", () => {
    const seen = new Set<string>();
    const visit = (dir: string) => {
      const m = manifest(dir);
      if (seen.has(m.name)) return;
      seen.add(m.name);
      const deps = Object.keys(m.dependencies ?? {});
      expect(deps, `${m.name} production dependencies`).not.toContain('tsx');
      expect(deps, `${m.name} production dependencies`).not.toContain('esbuild');
      expect(deps, `${m.name} production dependencies`).not.toContain('typescript');
      expect(deps, `${m.name} production dependencies`).not.toContain('@saeq/build');
      expect(m.scripts?.build, `${m.name} build script`).toBe('saeq-build');
      for (const dep of deps.filter((d) => d.startsWith('@saeq/')))
        visit(`packages/${dep.slice('@saeq/'.length)}`);
    };
    for (const service of services) {
      visit(`services/${service}`);
      expect(manifest(`services/${service}`).scripts?.start).toBe(
        `${envAssignments(service)}node --conditions=@saeq/compiled --enable-source-maps dist/main.js`,
      );
    }
  });

  it('gives each service image the process environment pnpm start gives it (worker-pdf: MALLOC_MMAP_THRESHOLD_)', () => {
    const preamble = dockerfile.slice(0, dockerfile.search(/^FROM /m));
    expect(preamble, 'a global ARG SERVICE (before the first FROM)').toMatch(/^ARG SERVICE$/m);
    expect(runtime?.from).toBe('env-$' + '{SERVICE}');
    for (const service of services) {
      const stage = all.find((s) => s.name === `env-${service}`);
      expect(stage, `stage env-${service}`).toBeDefined();
      const env = (stage?.instructions ?? []).filter((i) => i.op === 'ENV').map((i) => `${i.args} `);
      expect(env.join(''), service).toBe(envAssignments(service));
    }
    expect(envAssignments('worker-pdf')).toContain('MALLOC_MMAP_THRESHOLD_=131072');
  });
});
