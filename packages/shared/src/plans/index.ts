export * from './stage-store.ts';
