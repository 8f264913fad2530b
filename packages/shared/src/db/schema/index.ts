export * from './agent-runs.ts';
export * from './api-keys.ts';
export * from './organisations.ts';
export * from './plans.ts';
