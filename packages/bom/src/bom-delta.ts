import type { BomDelta, BomLineDelta } from '@saeq/shared/contracts/plan-comparison';
import type { BomLine, BomResult } from './bom-result.ts';

const HOURS_SCALE = 10_000; // BOM hours are exact to 1/10 000 h (build-bom.ts)

const lineKey = (l: BomLine) => `${l.sku}\u0000${l.room ?? ''}`;

/**
 * BOM(revised) − BOM(base), line by line: one delta per SKU (and room, when lines are split by
 * room) whose quantity or amount differs. Both BOMs must come from the same catalogue, labour
 * rate and assemblies (the caller builds them together), so a line's delta is its change in
 * quantity only. Exact: Σ line `totalCentsDelta` = `subtotalDelta`, because a BOM's subtotal is
 * the sum of its line totals; taxes and total are the differences of the BOMs' own rounded
 * amounts, so `totalDelta = revised.totalCents − base.totalCents` to the cent.
 */
export function bomDelta(base: BomResult, revised: BomResult): BomDelta {
  const before = new Map(base.lines.map((l) => [lineKey(l), l]));
  const after = new Map(revised.lines.map((l) => [lineKey(l), l]));
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  const added: BomLineDelta[] = [];
  const removed: BomLineDelta[] = [];
  for (const key of keys) {
    const b = before.get(key);
    const r = after.get(key);
    const ref = (r ?? b) as BomLine;
    const hours = (l: BomLine | undefined) => Math.round((l?.labourHours ?? 0) * HOURS_SCALE);
    const delta: BomLineDelta = {
      sku: ref.sku,
      description: ref.description,
      category: ref.category,
      unit: ref.unit,
      orderQuantityDelta: (r?.orderQuantity ?? 0) - (b?.orderQuantity ?? 0),
      installedQuantityDelta: round6((r?.installedQuantity ?? 0) - (b?.installedQuantity ?? 0)),
      labourHoursDelta: (hours(r) - hours(b)) / HOURS_SCALE,
      materialsCentsDelta: (r?.materialsCents ?? 0) - (b?.materialsCents ?? 0),
      labourCentsDelta: (r?.labourCents ?? 0) - (b?.labourCents ?? 0),
      totalCentsDelta: (r?.totalCents ?? 0) - (b?.totalCents ?? 0),
    };
    if (delta.totalCentsDelta > 0 || (delta.totalCentsDelta === 0 && delta.orderQuantityDelta > 0))
      added.push(delta);
    else if (delta.totalCentsDelta < 0 || delta.orderQuantityDelta < 0) removed.push(delta);
    else if (delta.installedQuantityDelta !== 0 || delta.labourHoursDelta !== 0) {
      (delta.installedQuantityDelta > 0 ? added : removed).push(delta);
    }
  }
  const bySku = (x: BomLineDelta, y: BomLineDelta) =>
    x.category.localeCompare(y.category) || x.sku.localeCompare(y.sku);
  return {
    currency: 'CAD',
    added: added.sort(bySku),
    removed: removed.sort(bySku),
    materialsDelta: revised.materialsCents - base.materialsCents,
    labourDelta: revised.labour.totalCents - base.labour.totalCents,
    labourHoursDelta:
      (Math.round(revised.labourHours * HOURS_SCALE) - Math.round(base.labourHours * HOURS_SCALE)) /
      HOURS_SCALE,
    subtotalDelta: revised.subtotalCents - base.subtotalCents,
    tpsDelta: revised.taxes.tpsCents - base.taxes.tpsCents,
    tvqDelta: revised.taxes.tvqCents - base.taxes.tvqCents,
    totalDelta: revised.totalCents - base.totalCents,
    base: { subtotalCents: base.subtotalCents, totalCents: base.totalCents },
    revised: { subtotalCents: revised.subtotalCents, totalCents: revised.totalCents },
    labourRateCents: revised.labour.rateCents,
  };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
