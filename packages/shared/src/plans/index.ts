export * from './analysis-revisions.ts';
export * from './legend-mappings.ts';
export * from './stage-store.ts';
