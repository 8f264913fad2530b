export { corpusSpecs, type PlanSpec, sampleSpec } from './plan-spec.ts';
export { type GeneratedPlan, generatePlan } from './render.ts';
export { type DrawingScale, metresPerPoint, scaleNoteText } from './scale.ts';
export { SYMBOL_STYLES, type SymbolStyle } from './symbols.ts';
export type { PlanTruth, TruthPage, TruthSymbol } from './truth.ts';
