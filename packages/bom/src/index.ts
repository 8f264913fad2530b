export {
  Assembly,
  AssemblyComponent,
  AssemblyOverrides,
  AssemblySet,
  BreakerKind,
  BreakerRule,
  CableSpec,
  defaultAssemblies,
  PanelRule,
  wasteBasisPoints,
  withAssemblyOverrides,
} from './assemblies.ts';
export type { Bom } from './bom-result.ts';
export {
  BomLine,
  BomResult,
  BomSource,
  RoomLine,
  RoomSummary,
  UnpricedEntry,
} from './bom-result.ts';
export type { BuildBomInput } from './build-bom.ts';
export {
  BomInputError,
  BomItem,
  BuildBomOptions,
  breakerKindOf,
  buildBom,
  netUnitPriceCents,
} from './build-bom.ts';
export type { CableEstimate, CableEstimateOptions, CableRun } from './cable-estimate.ts';
export { estimateCableFromGeometry } from './cable-estimate.ts';
export {
  CATEGORY_LABELS,
  Catalog,
  CatalogItem,
  categoryLabel,
  categoryRank,
  indexCatalog,
  KnownCategory,
  LabourUnits,
  QuantityUnit,
  quantityUnitOf,
  Unit,
} from './catalog.ts';
export { defaultCatalog } from './default-catalog.ts';
export { Lang, LocalizedText, pickText } from './localized-text.ts';
export type { ParsedDecimal, Taxes } from './money.ts';
export {
  Cents,
  centsToDollars,
  divCeil,
  divRoundHalfUp,
  formatCad,
  formatCentsPlain,
  NonNegativeCents,
  parseCad,
  parseDecimal,
  parseScaledInt,
  quebecTaxes,
  sumCents,
  TAX_RATE_DENOMINATOR,
  TPS_RATE,
  TVQ_RATE,
  toCents,
  ZERO_CENTS,
} from './money.ts';
