export { type AnalyzeOptions, analyzePlan } from './analyze-plan.ts';
export { attachCircuitTags, isCircuitTag } from './circuit-tags.ts';
export {
  type CompareOptions,
  compareAnalyses,
  diffCircuits,
  NO_ROOM,
  pairSheets,
} from './compare/compare-analyses.ts';
export {
  type Anchor,
  applySimilarity,
  fitSimilarity,
  registerPage,
  type Similarity,
} from './compare/register-pages.ts';
export { sheetNumberOf } from './compare/sheet-number.ts';
export { countSymbols } from './counts.ts';
export { type Deskewed, deskewPage, detectSkew } from './deskew.ts';
export {
  addTally,
  emptyTally,
  evaluatePlan,
  f1,
  type PlanEvaluation,
  precision,
  recall,
  type Tally,
  type TruthLike,
} from './evaluate.ts';
export { findFrames, isAxisRectangle } from './frames.ts';
export { type D4, D4_OPS, flattenPaths, type Placement, type Subpath } from './geometry.ts';
export { InkIndex } from './ink-index.ts';
export {
  type DetectedLegend,
  detectLegends,
  isCodeLike,
  type LegendSymbol,
  type SymbolTemplate,
  type TemplateText,
} from './legend.ts';
export {
  applyLegendMappings,
  type LegendMapping,
  normalizeLegendLabel,
  unresolvedLegendEntries,
} from './legend-mappings.ts';
export { assignMarkedVariants, sameTemplate } from './marked-variants.ts';
export {
  keepConsistentScale,
  type MatchOptions,
  matchLegendSymbols,
  resolveOverlaps,
  type SymbolMatch,
} from './match-symbols.ts';
export { type LegendUnreadableReason, type Locale, type WarningCode, warningMessage } from './messages.ts';
export { type Oriented, orientPage } from './orientation.ts';
export { findPanelSchedules, panelNameIn, parsePanelInfo } from './panel-schedule.ts';
export type {
  BBox,
  ExtractedDocument,
  ExtractedPage,
  ImagePrimitive,
  Matrix,
  PathPrimitive,
  PathSegment,
  TextItem,
} from './primitives.ts';
export { InvalidCorrection, MANUAL_SYMBOL_ID, reviseAnalysis } from './revise-analysis.ts';
export { buildRoomMap, findRoomLabels, type RoomLabel, type RoomMap, type RoomRegion } from './rooms.ts';
export { findPageScale, METRES_PER_POINT, parseScale } from './scale.ts';
export { classifyPage, type PageContent } from './scanned.ts';
export { groupTextLines, type TextLine, textInReadingOrder, textItemBBox } from './text-lines.ts';
export { findTitleBlocks, isViewTitle, viewTitleTester } from './title-block.ts';
export {
  deviceTypeFromCode,
  deviceTypeFromLabel,
  deviceTypeOfLegendRow,
  isLegendHeading,
  isMarkedVariantOf,
  isRoomName,
  markedVariantsOf,
  normalizeSymbolText,
  normalizeText,
} from './vocabulary.ts';
