import type { PanelCircuit, PanelSchedule, PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { z } from 'zod';
import {
  type AssemblySet,
  type BreakerKind,
  type CableSpec,
  defaultAssemblies,
  wasteBasisPoints,
} from './assemblies.ts';
import type { BomLine, BomResult, BomSource, RoomLine, RoomSummary, UnpricedEntry } from './bom-result.ts';
import { estimateCableFromGeometry } from './cable-estimate.ts';
import {
  type Catalog,
  type CatalogItem,
  categoryLabel,
  categoryRank,
  indexCatalog,
  quantityUnitOf,
} from './catalog.ts';
import { type Lang, type LocalizedText, pickText } from './localized-text.ts';
import { bomMessages, unpricedReasons } from './messages.ts';
import {
  type Cents,
  centsToDollars,
  divCeil,
  divRoundHalfUp,
  formatCad,
  quebecTaxes,
  TAX_RATE_DENOMINATOR,
  TPS_RATE,
  TVQ_RATE,
  toCents,
} from './money.ts';

/** An entry of an item list (`POST /v1/boms`): a device type expanded through its assembly, or a SKU. */
export const BomItem = z.union([
  z.strictObject({
    /** A device type (or any assembly key, e.g. `service_entrance_200a`). Quantity: number of devices. */
    type: z.string().min(1),
    quantity: z.number().int().positive(),
    room: z.string().min(1).optional(),
  }),
  z.strictObject({
    sku: z.string().min(1),
    /** In the item's base unit: metres for rolls and metre items, pieces for boxes and pieces. */
    quantity: z.number().positive(),
    room: z.string().min(1).optional(),
  }),
]);
export type BomItem = z.infer<typeof BomItem>;

export const BuildBomOptions = z.object({
  /** Which labour column of the catalogue to use. */
  difficulty: z.enum(['normal', 'difficult']).default('normal'),
  /** Vertical allowance per device drop and per home run, metres. */
  dropAllowanceM: z.number().nonnegative().default(2.5),
  /** Home-run length when a scaled sheet shows no panel, metres. */
  homeRunAllowanceM: z.number().nonnegative().default(15),
  /** One line per SKU and room instead of one per SKU (package rounding then applies per room). */
  splitLinesByRoom: z.boolean().default(false),
});
export type BuildBomOptions = z.input<typeof BuildBomOptions>;

export interface BuildBomInput {
  analysis?: PlanAnalysis;
  items?: readonly BomItem[];
  catalog: Catalog;
  /** Used for SKUs missing from `catalog` (e.g. the default catalogue behind an organisation's own). */
  fallbackCatalog?: Catalog;
  assemblies?: AssemblySet;
  /** Labour rate in cents per hour. */
  labourRateCents: number;
  lang?: Lang;
  options?: BuildBomOptions;
}

/** Thrown when the input itself is invalid (negative rate, malformed item): a 400/422 upstream. */
export class BomInputError extends Error {
  override readonly name = 'BomInputError';
}

const MILLI = 1000;
const BP = 10_000; // basis points: waste and discounts in 1/100 of a percent
const HOURS_SCALE = 10_000; // labour hours kept exact to 1/10 000 h
const METRES_PER_FOOT = 0.3048;
const SOURCE_RANK: Record<BomSource, number> = { plan: 0, schedule: 1, estimate: 2, manual: 3 };
const SPACE_CIRCUIT = /^(espace|space|vide|blank)?$/;

interface Accumulated {
  sku: string;
  source: BomSource;
  room: string | null;
  /** Quantity in the item's base unit × 1000. */
  milli: number;
}

interface Resolved {
  item: CatalogItem;
  priceSource: 'catalog' | 'fallback';
}

/** Lower-case, accents and punctuation removed: for matching schedule descriptions. */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9/]+/g, ' ')
    .trim();
}

/** AFCI / GFCI / dual-function from a schedule description (French or English). */
export function breakerKindOf(description: string): BreakerKind {
  const d = normalise(description);
  const dual = /\b(dual|combo|bimode|bi fonction|double fonction|afci\/gfci|afci\/ddft)\b/.test(d);
  const afci = /\b(afci|cafci|anti ?arc|defaut d ?arc|arc fault)\b/.test(d);
  const gfci = /\b(gfci|gfi|ddft|ddf|differentiel)\b/.test(d);
  if (dual || (afci && gfci)) return 'dual';
  if (afci) return 'afci';
  if (gfci) return 'gfci';
  return 'standard';
}

/**
 * Builds a priced bill of materials from a plan analysis and/or an item list.
 *
 * Invariants: every amount is integer cents; each line is rounded once (net unit price, labour),
 * totals are exact sums; `subtotalCents = Σ line totalCents = materialsCents + labour.totalCents`;
 * `totalCents = subtotalCents + tpsCents + tvqCents`. Quantities that cannot be priced (unknown SKU,
 * no assembly) are listed in `unpriced` and in the assumptions — never silently dropped.
 * Inputs are trusted typed data (validate catalogues and analyses at the boundary); the options,
 * the rate and the item list are checked here and a `BomInputError` is thrown when invalid.
 * Cost: linear in symbols + counts + catalogue size.
 */
export function buildBom(input: BuildBomInput): BomResult {
  const lang = input.lang ?? 'fr';
  const parsedOptions = BuildBomOptions.safeParse(input.options ?? {});
  if (!parsedOptions.success) throw new BomInputError(`invalid options: ${parsedOptions.error.message}`);
  const options = parsedOptions.data;
  if (!Number.isSafeInteger(input.labourRateCents) || input.labourRateCents < 0) {
    throw new BomInputError('labourRateCents must be a non-negative integer');
  }
  const rateCents = toCents(input.labourRateCents);
  const items = z.array(BomItem).safeParse(input.items ?? []);
  if (!items.success) throw new BomInputError(`invalid items: ${items.error.message}`);
  const assemblies = input.assemblies ?? defaultAssemblies;

  const primary = indexCatalog(input.catalog);
  const fallback = input.fallbackCatalog === undefined ? undefined : indexCatalog(input.fallbackCatalog);
  const resolve = (sku: string): Resolved | undefined => {
    const item = primary.get(sku);
    if (item !== undefined) return { item, priceSource: 'catalog' };
    const other = fallback?.get(sku);
    return other === undefined ? undefined : { item: other, priceSource: 'fallback' };
  };

  const notes: LocalizedText[] = [];
  const unpriced = new Map<string, UnpricedEntry>();
  const markUnpriced = (
    ref: string,
    kind: UnpricedEntry['kind'],
    quantity: number,
    reason: UnpricedEntry['reason'],
  ) => {
    const key = `${kind}\u0000${ref}\u0000${reason}`;
    const entry = unpriced.get(key);
    if (entry === undefined) unpriced.set(key, { ref, kind, quantity, reason });
    else entry.quantity += quantity;
  };

  // ── Accumulation: quantities in base units × 1000, per (source, sku[, room]) and per room ──────
  const lines = new Map<string, Accumulated>();
  const rooms = new Map<string, Map<string, number>>(); // room → sku → milli
  const devices = new Map<string, number>();
  const roomDevices = new Map<string, Map<string, number>>();

  const addMilli = (sku: string, source: BomSource, room: string | null, milli: number) => {
    if (milli <= 0) return;
    if (resolve(sku) === undefined) {
      markUnpriced(sku, 'sku', milli / MILLI, 'unknown_sku');
      return;
    }
    const lineRoom = options.splitLinesByRoom ? room : null;
    const key = `${source}\u0000${sku}\u0000${lineRoom ?? ''}`;
    const acc = lines.get(key);
    if (acc === undefined) lines.set(key, { sku, source, room: lineRoom, milli });
    else acc.milli += milli;
    if (room !== null) {
      let bySku = rooms.get(room);
      if (bySku === undefined) {
        bySku = new Map();
        rooms.set(room, bySku);
      }
      bySku.set(sku, (bySku.get(sku) ?? 0) + milli);
    }
  };

  /** Adds a cable length (metres) and the accessories that go with each metre. */
  const addCable = (cable: CableSpec, source: BomSource, room: string | null, metres: number) => {
    if (metres <= 0) return;
    const resolved = resolve(cable.sku);
    if (resolved === undefined) {
      markUnpriced(cable.sku, 'sku', metres, 'unknown_sku');
    } else {
      const unit = quantityUnitOf(resolved.item.unit);
      if (unit === 'each') markUnpriced(cable.sku, 'sku', metres, 'unit_mismatch');
      else
        addMilli(
          cable.sku,
          source,
          room,
          Math.round((unit === 'ft' ? metres / METRES_PER_FOOT : metres) * MILLI),
        );
    }
    for (const accessory of cable.perMetre) {
      addMilli(accessory.sku, source, room, Math.round(metres * accessory.quantity * MILLI));
    }
  };

  const countDevice = (type: string, room: string | null, count: number) => {
    devices.set(type, (devices.get(type) ?? 0) + count);
    if (room === null) return;
    let byType = roomDevices.get(room);
    if (byType === undefined) {
      byType = new Map();
      roomDevices.set(room, byType);
    }
    byType.set(type, (byType.get(type) ?? 0) + count);
  };

  /** Expands `count` devices of `type` in `room` through the assembly components (no cable). */
  const addAssembly = (type: string, room: string | null, count: number, source: BomSource): boolean => {
    const assembly = assemblies.devices[type];
    if (assembly === undefined) {
      markUnpriced(type, 'type', count, 'no_assembly');
      return false;
    }
    for (const component of assembly.components) {
      addMilli(component.sku, source, room, Math.round(count * component.quantity * MILLI));
    }
    return true;
  };

  let devicesMeasured = 0;
  let devicesWithAllowance = 0;
  let allowanceFromPlan = 0;

  // ── Plan analysis ───────────────────────────────────────────────────────────────────────────
  const analysis = input.analysis;
  if (analysis !== undefined) {
    const schedules = uniqueSchedules(analysis, notes);
    const counts = deviceCountsByRoom(analysis);
    const geometry = estimateCableFromGeometry(analysis.pages, assemblies, options);

    let skippedPanelSymbols = 0;
    for (const [type, byRoom] of counts) {
      const measuredByRoom = geometry.measured.get(type);
      for (const [room, count] of byRoom) {
        countDevice(type, room, count);
        if (type === 'panel' && schedules.length > 0) {
          // The schedule gives the panel (sized by its main rating and spaces): not counted twice.
          skippedPanelSymbols += count;
          continue;
        }
        if (!addAssembly(type, room, count, 'plan')) continue;
        const measured = Math.min(count, measuredByRoom?.get(room) ?? 0);
        const remaining = count - measured;
        const cable = assemblies.devices[type]?.cable;
        if (remaining > 0 && cable !== undefined && cable !== null) {
          addCable(cable, 'estimate', room, remaining * cable.allowanceM);
          allowanceFromPlan += remaining;
        }
        if (cable !== undefined && cable !== null) devicesMeasured += measured;
      }
    }
    const cableBySku = cableSpecsBySku(assemblies);
    for (const run of geometry.runs) {
      const cable = cableBySku.get(run.sku);
      if (cable !== undefined) addCable(cable, 'estimate', run.room, run.metres);
    }
    devicesWithAllowance += allowanceFromPlan;
    if (devicesMeasured > 0) {
      notes.push(
        bomMessages.cableGeometry(
          devicesMeasured,
          geometry.pagesMeasured,
          options.dropAllowanceM,
          options.homeRunAllowanceM,
        ),
      );
    }
    if (geometry.homeRunsWithoutPanel > 0) {
      notes.push(bomMessages.homeRunsWithoutPanel(geometry.homeRunsWithoutPanel, options.homeRunAllowanceM));
    }
    if (allowanceFromPlan > 0) notes.push(bomMessages.cableAllowance(allowanceFromPlan, 'no_scale'));

    if (schedules.length > 0) {
      addSchedules(schedules, assemblies, addMilli, markUnpriced, notes);
      notes.push(bomMessages.schedulesUsed(schedules.length, skippedPanelSymbols));
    } else {
      notes.push(bomMessages.noSchedule());
    }
    notes.push(bomMessages.serviceEntranceExcluded());
  }

  // ── Item list ───────────────────────────────────────────────────────────────────────────────
  let listedDevicesWithCable = 0;
  let skuItems = 0;
  for (const entry of items.data) {
    const room = entry.room ?? null;
    if ('type' in entry) {
      countDevice(entry.type, room, entry.quantity);
      if (!addAssembly(entry.type, room, entry.quantity, 'manual')) continue;
      const cable = assemblies.devices[entry.type]?.cable;
      if (cable !== undefined && cable !== null && cable.allowanceM > 0) {
        addCable(cable, 'estimate', room, entry.quantity * cable.allowanceM);
        listedDevicesWithCable += entry.quantity;
      }
    } else {
      skuItems++;
      addMilli(entry.sku, 'manual', room, Math.round(entry.quantity * MILLI));
    }
  }
  devicesWithAllowance += listedDevicesWithCable;
  if (listedDevicesWithCable > 0) notes.push(bomMessages.cableAllowance(listedDevicesWithCable, 'items'));
  if (skuItems > 0) notes.push(bomMessages.skuQuantities());

  // ── Pricing ─────────────────────────────────────────────────────────────────────────────────
  const hoursColumn = options.difficulty;
  const priced: BomLine[] = [];
  const fallbackSkus = new Set<string>();
  for (const acc of lines.values()) {
    const resolved = resolve(acc.sku);
    if (resolved === undefined) continue; // already reported by addMilli
    const line = priceLine(acc, resolved, assemblies, rateCents, hoursColumn, lang);
    if (line === null) continue;
    if (resolved.priceSource === 'fallback') fallbackSkus.add(acc.sku);
    priced.push(line);
  }
  priced.sort(
    (a, b) =>
      categoryRank(a.category) - categoryRank(b.category) ||
      a.category.localeCompare(b.category) ||
      a.sku.localeCompare(b.sku) ||
      SOURCE_RANK[a.source] - SOURCE_RANK[b.source] ||
      (a.room ?? '').localeCompare(b.room ?? ''),
  );

  let materialsCents = 0;
  let labourCents = 0;
  let labourE4 = 0;
  for (const line of priced) {
    materialsCents += line.materialsCents;
    labourCents += line.labourCents;
    labourE4 += Math.round(line.labourHours * HOURS_SCALE);
  }
  const subtotalCents = toCents(materialsCents + labourCents);
  const { tpsCents, tvqCents } = quebecTaxes(subtotalCents);
  const totalCents = toCents(subtotalCents + tpsCents + tvqCents);

  // ── Rooms ───────────────────────────────────────────────────────────────────────────────────
  const byRoom: Record<string, RoomSummary> = {};
  const roomNames = new Set([...roomDevices.keys(), ...rooms.keys()]);
  for (const room of [...roomNames].sort((a, b) => a.localeCompare(b))) {
    byRoom[room] = summariseRoom(
      rooms.get(room),
      roomDevices.get(room),
      resolve,
      rateCents,
      hoursColumn,
      lang,
    );
  }

  // ── Assumptions ─────────────────────────────────────────────────────────────────────────────
  const catalog = input.catalog;
  const head: LocalizedText[] = [
    catalog.indicative
      ? bomMessages.indicativePrices(catalog.priceDate, catalog.source)
      : bomMessages.priceList(catalog.priceDate, catalog.source),
  ];
  if (fallbackSkus.size > 0 && input.fallbackCatalog !== undefined) {
    head.push(bomMessages.fallbackPrices(fallbackSkus.size, input.fallbackCatalog.priceDate));
  }
  head.push(bomMessages.rounding(), bomMessages.packaging());
  head.push(bomMessages.waste(describeWaste(assemblies, lang)));
  head.push(bomMessages.labour(formatCad(rateCents, lang), hoursColumn));
  if (roomNames.size > 0) notes.push(bomMessages.roomAllocation());
  const unpricedList = [...unpriced.values()];
  for (const entry of unpricedList) {
    notes.push(
      bomMessages.unpriced(entry.ref, entry.quantity, pickText(unpricedReasons[entry.reason], lang)),
    );
  }

  const totalDevicesWithCable = devicesMeasured + devicesWithAllowance;
  return {
    currency: 'CAD',
    lang,
    lines: priced,
    devices: Object.fromEntries(devices),
    materials: centsToDollars(toCents(materialsCents)),
    materialsCents: toCents(materialsCents),
    labour: {
      hours: labourE4 / HOURS_SCALE,
      rateCents,
      rate: centsToDollars(rateCents),
      totalCents: toCents(labourCents),
      total: centsToDollars(toCents(labourCents)),
    },
    labourHours: labourE4 / HOURS_SCALE,
    subtotal: centsToDollars(subtotalCents),
    subtotalCents,
    taxes: {
      tps: centsToDollars(tpsCents),
      tpsCents,
      tvq: centsToDollars(tvqCents),
      tvqCents,
      tpsRate: TPS_RATE / TAX_RATE_DENOMINATOR,
      tvqRate: TVQ_RATE / TAX_RATE_DENOMINATOR,
    },
    total: centsToDollars(totalCents),
    totalCents,
    assumptions: [...head, ...notes].map((text) => pickText(text, lang)),
    byRoom,
    unpriced: unpricedList,
    cableEstimate: {
      method:
        totalDevicesWithCable === 0
          ? 'none'
          : devicesWithAllowance === 0
            ? 'geometry'
            : devicesMeasured === 0
              ? 'allowance'
              : 'mixed',
      devicesMeasured,
      devicesWithAllowance,
    },
    priceList: { priceDate: catalog.priceDate, source: catalog.source, indicative: catalog.indicative },
  };
}

/** Net price per selling unit: list price less discount, rounded half up to the cent. */
export function netUnitPriceCents(item: CatalogItem): Cents {
  const discountBp = Math.round(item.discountPct * 100);
  return toCents(divRoundHalfUp(BigInt(item.unitPriceCents) * BigInt(BP - discountBp), BP));
}

function labourHoursE4(item: CatalogItem, column: 'normal' | 'difficult'): number {
  return Math.round(item.labourHours[column] * HOURS_SCALE);
}

/** Labour cents for `hoursE4` (hours × 10 000) at `rateCents`/h, rounded half up. */
function labourCentsOf(hoursE4: number, rateCents: Cents): Cents {
  return toCents(divRoundHalfUp(BigInt(hoursE4) * BigInt(rateCents), HOURS_SCALE));
}

function priceLine(
  acc: Accumulated,
  { item, priceSource }: Resolved,
  assemblies: AssemblySet,
  rateCents: Cents,
  column: 'normal' | 'difficult',
  lang: Lang,
): BomLine | null {
  const installed = divCeil(acc.milli, MILLI);
  if (installed === 0) return null;
  const wasteBp = wasteBasisPoints(assemblies, item.category);
  const needed = divCeil(BigInt(installed) * BigInt(BP + wasteBp), BP);
  const packaged = item.unit === 'roll' || item.unit === 'box';
  const orderQuantity = packaged ? divCeil(needed, item.packageSize) : needed;
  const unitPriceCents = netUnitPriceCents(item);
  const materialsCents = toCents(orderQuantity * unitPriceCents);
  const hoursE4 = installed * labourHoursE4(item, column);
  const labourCents = labourCentsOf(hoursE4, rateCents);
  const totalCents = toCents(materialsCents + labourCents);
  const line: BomLine = {
    sku: item.sku,
    description: pickText(item.description, lang),
    category: item.category,
    source: acc.source,
    quantity: needed,
    installedQuantity: installed,
    quantityUnit: quantityUnitOf(item.unit),
    wastePct: wasteBp / 100,
    orderQuantity,
    unit: item.unit,
    packageSize: item.packageSize,
    unitPrice: centsToDollars(unitPriceCents),
    unitPriceCents,
    listUnitPriceCents: item.unitPriceCents,
    discountPct: item.discountPct,
    materials: centsToDollars(materialsCents),
    materialsCents,
    labourHoursPerUnit: labourHoursE4(item, column) / HOURS_SCALE,
    labourHours: hoursE4 / HOURS_SCALE,
    labour: centsToDollars(labourCents),
    labourCents,
    total: centsToDollars(totalCents),
    totalCents,
    priceSource,
  };
  if (acc.room !== null) line.room = acc.room;
  return line;
}

function summariseRoom(
  quantities: Map<string, number> | undefined,
  deviceCounts: Map<string, number> | undefined,
  resolve: (sku: string) => Resolved | undefined,
  rateCents: Cents,
  column: 'normal' | 'difficult',
  lang: Lang,
): RoomSummary {
  const roomLines: RoomLine[] = [];
  let materialsCents = 0;
  let labourCents = 0;
  let labourE4 = 0;
  for (const [sku, milli] of quantities ?? []) {
    const resolved = resolve(sku);
    if (resolved === undefined) continue;
    const { item } = resolved;
    const installed = divCeil(milli, MILLI);
    if (installed === 0) continue;
    // Allocation at the net price per base unit (a roll's price over its 75 m), rounded once.
    const lineMaterials = toCents(
      divRoundHalfUp(BigInt(installed) * BigInt(netUnitPriceCents(item)), item.packageSize),
    );
    const hoursE4 = installed * labourHoursE4(item, column);
    const lineLabour = labourCentsOf(hoursE4, rateCents);
    materialsCents += lineMaterials;
    labourCents += lineLabour;
    labourE4 += hoursE4;
    roomLines.push({
      sku,
      description: pickText(item.description, lang),
      category: item.category,
      quantity: installed,
      quantityUnit: quantityUnitOf(item.unit),
      labourHours: hoursE4 / HOURS_SCALE,
      materials: centsToDollars(lineMaterials),
      materialsCents: lineMaterials,
      labour: centsToDollars(lineLabour),
      labourCents: lineLabour,
    });
  }
  roomLines.sort(
    (a, b) =>
      categoryRank(a.category) - categoryRank(b.category) ||
      a.category.localeCompare(b.category) ||
      a.sku.localeCompare(b.sku),
  );
  return {
    devices: Object.fromEntries(deviceCounts ?? []),
    lines: roomLines,
    materials: centsToDollars(toCents(materialsCents)),
    materialsCents: toCents(materialsCents),
    labourHours: labourE4 / HOURS_SCALE,
    labour: centsToDollars(toCents(labourCents)),
    labourCents: toCents(labourCents),
  };
}

/**
 * Device counts by type then room (null: not in any room) from the analysis counts — the
 * authority for quantities. Devices of a type not attributed to a room are the type total less
 * the per-room counts. When the analysis carries no counts at all, the symbols are counted.
 */
function deviceCountsByRoom(analysis: PlanAnalysis): Map<string, Map<string | null, number>> {
  const result = new Map<string, Map<string | null, number>>();
  const add = (type: string, room: string | null, count: number) => {
    if (count <= 0) return;
    let byRoom = result.get(type);
    if (byRoom === undefined) {
      byRoom = new Map();
      result.set(type, byRoom);
    }
    byRoom.set(room, (byRoom.get(room) ?? 0) + count);
  };
  const byType = Object.entries(analysis.counts.byType);
  if (byType.length === 0) {
    for (const page of analysis.pages) for (const s of page.symbols) add(s.type, s.room, 1);
    return result;
  }
  const inRooms = new Map<string, number>();
  for (const [room, types] of Object.entries(analysis.counts.byRoom)) {
    for (const [type, count] of Object.entries(types)) {
      add(type, room, count);
      inRooms.set(type, (inRooms.get(type) ?? 0) + count);
    }
  }
  for (const [type, total] of byType) add(type, null, total - (inRooms.get(type) ?? 0));
  return result;
}

/** Panel schedules of all pages, a schedule repeated on several sheets (same name and circuits) once. */
function uniqueSchedules(analysis: PlanAnalysis, notes: LocalizedText[]): PanelSchedule[] {
  const seen = new Set<string>();
  const result: PanelSchedule[] = [];
  let duplicates = 0;
  for (const page of analysis.pages) {
    for (const panel of page.panels) {
      const key = `${normalise(panel.name)}\u0000${panel.circuits.length}`;
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      result.push(panel);
    }
  }
  if (duplicates > 0) notes.push(bomMessages.duplicateSchedules(duplicates));
  return result;
}

type AddMilli = (sku: string, source: BomSource, room: string | null, milli: number) => void;
type MarkUnpriced = (
  ref: string,
  kind: UnpricedEntry['kind'],
  quantity: number,
  reason: UnpricedEntry['reason'],
) => void;

/** One panel per schedule (by main rating and spaces) and one breaker per circuit. */
function addSchedules(
  schedules: readonly PanelSchedule[],
  assemblies: AssemblySet,
  addMilli: AddMilli,
  markUnpriced: MarkUnpriced,
  notes: LocalizedText[],
): void {
  const panelRules = [...assemblies.panels].sort((a, b) => a.mainA - b.mainA || a.spaces - b.spaces);
  const breakerRules = [...assemblies.breakers].sort((a, b) => a.amps - b.amps);
  let defaulted = 0;
  let upsized = 0;
  for (const schedule of schedules) {
    let polesUsed = 0;
    let highestPosition = 0;
    for (const circuit of schedule.circuits) {
      const poles = circuit.poles ?? 1;
      polesUsed += poles;
      highestPosition = Math.max(highestPosition, circuit.number + (poles - 1) * 2);
    }
    const spaces = Math.max(polesUsed, highestPosition);
    const mainA = schedule.mainA;
    const panelRule = panelRules.find((r) => (mainA === null || r.mainA >= mainA) && r.spaces >= spaces);
    if (panelRule === undefined) markUnpriced(schedule.name, 'panel', 1, 'no_panel_rule');
    else addMilli(panelRule.sku, 'schedule', null, MILLI);
    if (mainA === null) notes.push(bomMessages.panelDefaulted(schedule.name));

    for (const circuit of schedule.circuits) {
      if (isEmptySpace(circuit)) continue;
      if (circuit.amps === null || circuit.poles === null) defaulted++;
      const amps = circuit.amps ?? 15;
      const poles = circuit.poles ?? 1;
      const kind = breakerKindOf(circuit.description);
      const rule = breakerRules.find((r) => r.poles === poles && r.kind === kind && r.amps >= amps);
      if (rule === undefined) {
        markUnpriced(`${poles}P ${amps} A ${kind}`, 'breaker', 1, 'no_breaker_rule');
        continue;
      }
      if (rule.amps !== amps) upsized++;
      addMilli(rule.sku, 'schedule', null, MILLI);
    }
  }
  if (defaulted > 0) notes.push(bomMessages.breakerDefaults(defaulted));
  if (upsized > 0) notes.push(bomMessages.breakerUpsized(upsized));
}

/** "ESPACE"/"SPACE" (an empty position) holds no breaker; "RÉSERVE"/"SPARE" does. */
function isEmptySpace(circuit: PanelCircuit): boolean {
  return circuit.amps === null && SPACE_CIRCUIT.test(normalise(circuit.description));
}

/** Cable specs by cable SKU (the first assembly using a SKU decides its per-metre accessories). */
function cableSpecsBySku(assemblies: AssemblySet): Map<string, CableSpec> {
  const result = new Map<string, CableSpec>();
  for (const assembly of Object.values(assemblies.devices)) {
    if (assembly.cable !== null && !result.has(assembly.cable.sku))
      result.set(assembly.cable.sku, assembly.cable);
  }
  return result;
}

function describeWaste(assemblies: AssemblySet, lang: Lang): string {
  const entries = Object.entries(assemblies.wasteFactorsPct).filter(([, pct]) => pct > 0);
  if (entries.length === 0) return lang === 'fr' ? 'aucune' : 'none';
  return entries
    .map(([category, pct]) => {
      const name =
        category === 'default' ? (lang === 'fr' ? 'autres' : 'others') : categoryLabel(category, lang);
      return `${name} ${lang === 'fr' ? String(pct).replace('.', ',') : pct} %`;
    })
    .join(', ');
}
