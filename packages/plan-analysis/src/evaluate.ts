import type { PanelSchedule, PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';

/**
 * Accuracy of an analysis against ground truth (the generator's `*.truth.json`, which follows
 * the analysis shape). Count metrics compare, per sheet and per room, how many devices of each
 * type were found: true positives = min(found, truth), false positives = the excess, false
 * negatives = the shortfall. Located metrics pair found and true symbols of the same type on the
 * same page within `locateTolerance` points (greedy, nearest first) — stricter than counts.
 */
export type TruthLike = {
  expectedWarnings?: readonly string[];
  pages: readonly {
    number: number;
    kind?: string;
    scale: { metresPerPoint: number } | null;
    rooms: readonly { name: string }[];
    symbols: readonly { type: string; x: number; y: number; room: string | null }[];
    panels: readonly {
      name: string;
      voltage?: string | null;
      phases?: number | null;
      mainA?: number | null;
      circuits: readonly { number: number; description: string; amps: number | null; poles: number | null }[];
    }[];
  }[];
  counts: {
    byType: Record<string, number>;
    byRoom: Record<string, Record<string, number>>;
    bySheet: Record<string, Record<string, number>>;
  };
};

export type Tally = { tp: number; fp: number; fn: number };

export type PlanEvaluation = {
  /** Per type, counts per sheet. */
  sheetCounts: Record<string, Tally>;
  /** Per type, counts per room name. */
  roomCounts: Record<string, Tally>;
  /** Per type, symbols paired by position. */
  located: Record<string, Tally>;
  circuits: { exact: number; truth: number; found: number };
  panels: { truth: number; found: number; headerExact: number };
  scale: { correct: number; total: number };
  roomNames: Tally;
  warnings: { expected: number; raised: number };
};

export function emptyTally(): Tally {
  return { tp: 0, fp: 0, fn: 0 };
}

export function addTally(a: Tally, b: Tally): Tally {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

export function precision(t: Tally): number {
  return t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
}

export function recall(t: Tally): number {
  return t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
}

export function f1(t: Tally): number {
  const denom = 2 * t.tp + t.fp + t.fn;
  return denom === 0 ? 1 : (2 * t.tp) / denom;
}

function compareCounts(
  found: Record<string, Record<string, number>>,
  truth: Record<string, Record<string, number>>,
  into: Record<string, Tally>,
): void {
  const groups = new Set([...Object.keys(found), ...Object.keys(truth)]);
  for (const g of groups) {
    const f = found[g] ?? {};
    const t = truth[g] ?? {};
    for (const type of new Set([...Object.keys(f), ...Object.keys(t)])) {
      const nf = f[type] ?? 0;
      const nt = t[type] ?? 0;
      const tally = into[type] ?? emptyTally();
      tally.tp += Math.min(nf, nt);
      tally.fp += Math.max(0, nf - nt);
      tally.fn += Math.max(0, nt - nf);
      into[type] = tally;
    }
  }
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toUpperCase();

function sameCircuit(
  a: { description: string; amps: number | null; poles: number | null },
  b: { description: string; amps: number | null; poles: number | null },
): boolean {
  return norm(a.description) === norm(b.description) && a.amps === b.amps && a.poles === b.poles;
}

export function evaluatePlan(truth: TruthLike, found: PlanAnalysis, locateTolerance = 6): PlanEvaluation {
  const ev: PlanEvaluation = {
    sheetCounts: {},
    roomCounts: {},
    located: {},
    circuits: { exact: 0, truth: 0, found: 0 },
    panels: { truth: 0, found: 0, headerExact: 0 },
    scale: { correct: 0, total: 0 },
    roomNames: emptyTally(),
    warnings: { expected: 0, raised: 0 },
  };
  compareCounts(found.counts.bySheet, truth.counts.bySheet, ev.sheetCounts);
  compareCounts(found.counts.byRoom, truth.counts.byRoom, ev.roomCounts);

  for (const tp of truth.pages) {
    const fp = found.pages.find((p) => p.number === tp.number);
    // Located symbols.
    const remaining = [...(fp?.symbols ?? [])];
    const pairs: { ti: number; fi: number; d: number }[] = [];
    tp.symbols.forEach((ts, ti) => {
      remaining.forEach((fs, fi) => {
        if (fs.type !== ts.type) return;
        const d = Math.hypot(fs.x - ts.x, fs.y - ts.y);
        if (d <= locateTolerance) pairs.push({ ti, fi, d });
      });
    });
    pairs.sort((a, b) => a.d - b.d);
    const usedT = new Set<number>();
    const usedF = new Set<number>();
    for (const p of pairs) {
      if (usedT.has(p.ti) || usedF.has(p.fi)) continue;
      usedT.add(p.ti);
      usedF.add(p.fi);
      const type = tp.symbols[p.ti]?.type ?? 'other';
      const t = ev.located[type] ?? emptyTally();
      t.tp++;
      ev.located[type] = t;
    }
    tp.symbols.forEach((ts, ti) => {
      if (usedT.has(ti)) return;
      const t = ev.located[ts.type] ?? emptyTally();
      t.fn++;
      ev.located[ts.type] = t;
    });
    remaining.forEach((fs, fi) => {
      if (usedF.has(fi)) return;
      const t = ev.located[fs.type] ?? emptyTally();
      t.fp++;
      ev.located[fs.type] = t;
    });

    if (tp.kind === 'scanned') continue;
    // Scale.
    ev.scale.total++;
    const fs = fp?.scale ?? null;
    if (
      tp.scale === null
        ? fs === null
        : fs !== null && Math.abs(fs.metresPerPoint / tp.scale.metresPerPoint - 1) < 0.005
    ) {
      ev.scale.correct++;
    }
    // Room names (multiset).
    const names = (fp?.rooms ?? []).map((r) => norm(r.name));
    for (const r of tp.rooms) {
      const i = names.indexOf(norm(r.name));
      if (i >= 0) {
        names.splice(i, 1);
        ev.roomNames.tp++;
      } else ev.roomNames.fn++;
    }
    ev.roomNames.fp += names.length;
    // Panels and circuits.
    const foundPanels: PanelSchedule[] = [...(fp?.panels ?? [])];
    ev.panels.truth += tp.panels.length;
    ev.panels.found += foundPanels.length;
    for (const tpanel of tp.panels) {
      ev.circuits.truth += tpanel.circuits.length;
      const pi = foundPanels.findIndex((p) => norm(p.name) === norm(tpanel.name));
      const fpanel = pi >= 0 ? foundPanels.splice(pi, 1)[0] : undefined;
      if (!fpanel) continue;
      ev.circuits.found += fpanel.circuits.length;
      if (
        (tpanel.voltage ?? null) === fpanel.voltage &&
        (tpanel.phases ?? null) === fpanel.phases &&
        (tpanel.mainA ?? null) === fpanel.mainA
      ) {
        ev.panels.headerExact++;
      }
      for (const tc of tpanel.circuits) {
        const fc = fpanel.circuits.find((c) => c.number === tc.number);
        if (fc && sameCircuit(tc, fc)) ev.circuits.exact++;
      }
    }
    for (const extra of foundPanels) ev.circuits.found += extra.circuits.length;
  }
  for (const code of truth.expectedWarnings ?? []) {
    ev.warnings.expected++;
    if (found.warnings.some((w) => w.code === code)) ev.warnings.raised++;
  }
  return ev;
}
