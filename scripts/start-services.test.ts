import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceLaunches, startModeOf } from './start-services.ts';

const root = '/srv/saeq';

describe('how pnpm start runs the services', () => {
  it('runs each compiled dist/main.js under plain Node when start itself is compiled: no tsx', () => {
    const mode = startModeOf('file:///srv/saeq/scripts/dist/start.js', []);
    expect(mode).toEqual({ kind: 'compiled' });
    const launches = serviceLaunches(root, mode);
    expect(launches.map((l) => l.name)).toEqual(['gateway', 'worker-pdf', 'worker-agents', 'worker-bom']);
    for (const { name, args } of launches) {
      expect(args).toEqual([
        '--conditions=@saeq/compiled',
        '--enable-source-maps',
        join(root, 'services', name, 'dist', 'main.js'),
      ]);
      expect(args.join(' ')).not.toMatch(/tsx|\.ts\b/);
    }
  });

  it('runs the TypeScript sources under tsx from source, restarted on change with --watch (pnpm dev)', () => {
    const dev = serviceLaunches(root, startModeOf('file:///srv/saeq/scripts/start.ts', ['--watch']));
    expect(dev[0]?.args).toEqual(['--watch', '--import', 'tsx', join(root, 'services/gateway/src/main.ts')]);
    const sources = serviceLaunches(root, startModeOf('file:///srv/saeq/scripts/start.ts', []));
    expect(sources[1]?.args).toEqual(['--import', 'tsx', join(root, 'services/worker-pdf/src/main.ts')]);
  });

  it('gives the gateway its own metrics port, the workers their defaults', () => {
    const launches = serviceLaunches(root, { kind: 'compiled' });
    expect(launches.find((l) => l.name === 'gateway')?.env).toEqual({ METRICS_PORT: '9100' });
    expect(launches.find((l) => l.name === 'worker-bom')?.env).toEqual({});
  });

  it("fixes glibc's mmap threshold for worker-pdf only (freed page rasters go back to the system)", () => {
    const launches = serviceLaunches(root, { kind: 'compiled' });
    expect(launches.find((l) => l.name === 'worker-pdf')?.env).toEqual({ MALLOC_MMAP_THRESHOLD_: '131072' });
    expect(launches.find((l) => l.name === 'worker-agents')?.env).toEqual({});
  });
});
