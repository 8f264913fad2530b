import { join } from 'node:path';

/** The gateway's /metrics port (never its API port); the workers default to 9101-9103 (their env.ts). */
export const GATEWAY_METRICS_PORT = '9100';

/** Node's flag that resolves workspace packages to their compiled `dist/` (package.json `exports`). */
export const COMPILED_CONDITION = '--conditions=@saeq/compiled';

export const serviceNames = ['gateway', 'worker-pdf', 'worker-agents', 'worker-bom'] as const;
export type ServiceName = (typeof serviceNames)[number];

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
    return { name, args, env: name === 'gateway' ? { METRICS_PORT: GATEWAY_METRICS_PORT } : {} };
  });
}

/** The mode of the start script whose module URL is `url` (compiled when it is JavaScript). */
export function startModeOf(url: string, argv: readonly string[]): StartMode {
  return url.endsWith('.js') ? { kind: 'compiled' } : { kind: 'sources', watch: argv.includes('--watch') };
}
