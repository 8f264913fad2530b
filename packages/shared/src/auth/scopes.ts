import { z } from 'zod';

/** What an organisation's keys may be granted; `admin` implies every one of them. */
export const OrganisationScope = z.enum(['plans:read', 'plans:write', 'agents:run', 'calc', 'admin']);
export type OrganisationScope = z.infer<typeof OrganisationScope>;

/**
 * Every scope. `operator` is the platform's own: the views that cross organisations (Bull Board
 * shows every tenant's jobs and can retry or delete them; `/health/detailed` shows the whole
 * deployment). No organisation's `admin` implies it and the API cannot grant it: only the
 * `saeq keys` CLI and the bootstrap key of `pnpm start` carry it.
 */
export const Scope = z.enum([...OrganisationScope.options, 'operator']);
export type Scope = z.infer<typeof Scope>;
export const allScopes: Scope[] = Scope.options;

export function hasScope(granted: readonly string[], needed: Scope): boolean {
  if (granted.includes(needed)) return true;
  return needed !== 'operator' && granted.includes('admin');
}
