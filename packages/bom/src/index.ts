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
export type { BomCsvOptions } from './bom-csv.ts';
export { bomToCsv } from './bom-csv.ts';
export { bomDelta } from './bom-delta.ts';
export type { BomPdfOptions } from './bom-pdf.ts';
export { bomToPdf, estimateLabels } from './bom-pdf.ts';
export type { Bom } from './bom-result.ts';
export {
  BomLine,
  BomResult,
  BomSource,
  RoomLine,
  RoomSummary,
  UnpricedEntry,
} from './bom-result.ts';
export type { BomXlsxOptions } from './bom-xlsx.ts';
export { bomToXlsx, SUMMARY_CELLS } from './bom-xlsx.ts';
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
export type { CatalogCsvError, CatalogCsvOptions, CatalogCsvResult } from './catalog-csv.ts';
export { parseCatalogCsv } from './catalog-csv.ts';
export { type ChangeOrderInput, changeOrderToPdf, changeOrderToXlsx } from './change-order.ts';
export type { CsvParseResult, CsvRecord, CsvSeparator, DetectedEncoding } from './csv.ts';
export { csvField, decodeText, decodeWindows1252, detectSeparator, formatCsv, parseCsv } from './csv.ts';
export { catalogForPricing, defaultCatalog } from './default-catalog.ts';
export { deviceTypeLabel, exportLabels, unitLabel } from './export-labels.ts';
export { Lang, LocalizedText, pickText } from './localized-text.ts';
export type { UnpricedReason } from './messages.ts';
export { bomMessages, unpricedReasons } from './messages.ts';
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
