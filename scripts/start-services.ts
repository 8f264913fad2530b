import { join } from 'node:path';

/** The gateway's /metrics port (never its API port); the workers default to 9101-9103 (their env.ts). */
export const GATEWAY_METRICS_PORT = '9100';

/** Node's flag that resolves workspace packages to their compiled `dist/` (package.json `exports`). */
export const COMPILED_CONDITION = '--conditions=@saeq/compiled';

export const serviceNames = ['gateway', 'worker-pdf', 'worker-agents', 'worker-bom'] as const;
export type ServiceName = (typeof serviceNames)[number];

/**
 * Process environment a service needs besides its configuration (read by the C library, not by
 * env.ts), for `pnpm start` and for the benchmarks that measure what it runs.
 *
 * worker-pdf: glibc's malloc returns a freed block of 128 KiB or more to the system only while its
 * mmap threshold stays at 128 KiB; by default the threshold grows to the largest block freed (up
 * to 32 MiB), after which the room rasters the analysis allocates for every page (typed arrays of
 * 0.5–2 MiB, rooms.ts) are carved from the heap and stay resident once freed. A fixed threshold
 * took the 50-page peak RSS from 297 to 259 MB in one run side by side (docs/benchmarks.md, issue
 * 20). The Docker image runs on Alpine: musl's malloc unmaps such blocks anyway.
 */
export const serviceProcessEnv: Record<ServiceName, Record<string, string>> = {
  gateway: {},
  'worker-pdf': { MALLOC_MMAP_THRESHOLD_: '131072' },
  'worker-agents': {},
  'worker-bom': {},
};

/**
 * How `pnpm start` runs the services:
 * - `compiled` (`pnpm start`: scripts/dist/start.js, after `pnpm build`): each service's
 *   `dist/main.js` under plain Node, as in the Docker image, with the `@saeq/compiled` export
 *   condition (workspace packages resolve to their `dist/`). No tsx, no runtime compilation.
 * - `sources` (`pnpm dev`, or scripts/start.ts run under tsx): the TypeScript sources under tsx
 *   (workspace packages resolve to `src/` by default), restarted on change with `watch`.
 */
export type StartMode = { kind: 'compiled' } | { kind: 'sources'; watch: boolean };

export type ServiceLaunch = { name: ServiceName; args: string[]; env: Record<string, string> };

/** Node's arguments (after the executable) for each service, from the repository root `root`. */
export function serviceLaunches(root: string, mode: StartMode): ServiceLaunch[] {
  return serviceNames.map((name) => {
    const args =
      mode.kind === 'compiled'
        ? // Stack traces point at the TypeScript sources (the build writes source maps).
          [COMPILED_CONDITION, '--enable-source-maps', join(root, 'services', name, 'dist', 'main.js')]
        : [
            ...(mode.watch ? ['--watch'] : []),
            '--import',
            'tsx',
            join(root, 'services', name, 'src', 'main.ts'),
          ];
    const env = name === 'gateway' ? { METRICS_PORT: GATEWAY_METRICS_PORT } : {};
    return { name, args, env: { ...serviceProcessEnv[name], ...env } };
  });
}

/** The mode of the start script whose module URL is `url` (compiled when it is JavaScript). */
export function startModeOf(url: string, argv: readonly string[]): StartMode {
  return url.endsWith('.js') ? { kind: 'compiled' } : { kind: 'sources', watch: argv.includes('--watch') };
}
