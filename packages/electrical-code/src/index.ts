// Public API of @saeq/electrical-code — pure: no I/O, env, logger or clock.

export {
  ApartmentLoadInput,
  ApartmentLoadResult,
  ApartmentServiceVoltage,
  ApartmentUnitResult,
  apartmentDemandLadder,
  apartmentLoad,
  HeatingDemandScope,
} from './calculations/apartment-load.ts';
export { BoxFillConductor, BoxFillInput, BoxFillResult, boxFill } from './calculations/box-fill.ts';
export {
  CalculationKind,
  type CalculationResult,
  calculations,
  runCalculation,
} from './calculations/catalogue.ts';
export { ConductorSizeInput, ConductorSizeResult, conductorSize } from './calculations/conductor-size.ts';
export {
  DwellingLoads,
  EvCharger,
  HeatingSystem,
  WaterHeater,
  WaterHeaterRule,
} from './calculations/dwelling-items.ts';
export {
  DWELLING_VOLTAGE,
  DwellingLoadInput,
  DwellingLoadResult,
  dwellingLoad,
} from './calculations/dwelling-load.ts';
export { CalculationOptions } from './calculations/options.ts';
export { ServiceConductor } from './calculations/service-sizing.ts';
export {
  VoltageDropInput,
  VoltageDropResult,
  VoltageDropScope,
  voltageDrop,
  voltageDropLimits,
} from './calculations/voltage-drop.ts';
export { DEFAULT_EDITION, Edition, type EditionInfo, editions } from './editions.ts';
export { CalculationError, CalculationErrorCode } from './errors.ts';
export { formatNumber, formatQuantity } from './format.ts';
export { type Bilingual, DEFAULT_LANG, Lang } from './lang.ts';
export {
  ReferenceStatus,
  type RuleKey,
  RuleReference,
  RuleReferenceRow,
  RuleSource,
  ruleReferenceRows,
  ruleReferences,
} from './rule-references.ts';
export {
  ComplianceReport,
  complianceRules,
  listRules,
  RuleSummary,
  runCompliance,
} from './rules/catalogue.ts';
export { parseConductor } from './rules/plan-facts.ts';
export {
  ComplianceProject,
  type ComplianceRule,
  Finding,
  Occupancy,
  type RuleContext,
  Severity,
} from './rules/types.ts';
export { classifyRoom, normalize as normalizeLabel, type RoomKind } from './rules/vocabulary.ts';
export { CalculationStep, CalculationTrace } from './steps.ts';
export {
  AmpacityTableId,
  ampacityTableFor,
  Installation,
  InsulationRating,
  tabulatedAmpacity,
} from './tables/ampacity.ts';
export {
  BoxConductorSize,
  type CommonBox,
  commonBoxes,
  table22SpacePerConductorML,
} from './tables/box-volumes.ts';
export { ConductorMaterial, ConductorSize, conductorSizes } from './tables/conductor-sizes.ts';
export { ambientCorrectionFactor, groupingCorrectionFactor } from './tables/correction-factors.ts';
export { nextStandardRating, smallConductorCaps, standardOvercurrentRatingsA } from './tables/overcurrent.ts';
export { resistanceOhmPerKm } from './tables/resistance.ts';
export {
  ServiceConductorTable,
  standardServiceRating,
  standardServiceRatingsA,
} from './tables/service-sizes.ts';
