import { z } from 'zod';

export const Scope = z.enum(['plans:read', 'plans:write', 'agents:run', 'calc', 'admin']);
export type Scope = z.infer<typeof Scope>;
export const allScopes: Scope[] = Scope.options;

/** `admin` implies every other scope. */
export function hasScope(granted: readonly string[], needed: Scope): boolean {
  return granted.includes('admin') || granted.includes(needed);
}
