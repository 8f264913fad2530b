export * from './agent-run-events.ts';
export * from './agent-runs.ts';
export * from './api-keys.ts';
export * from './boms.ts';
export * from './catalogs.ts';
export * from './idempotency-keys.ts';
export * from './organisations.ts';
export * from './plans.ts';
