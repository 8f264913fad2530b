import type { AnalysisPage, PanelCircuit, PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import type {
  AnalysisComparison,
  ChangeTally,
  CircuitChange,
  RoomChange,
  SheetPairing,
  SymbolChange,
} from '@saeq/shared/contracts/plan-comparison';
import { normalizeText } from '../vocabulary.ts';
import { applySimilarity, type RegisterOptions, registerPage, type Similarity } from './register-pages.ts';
import { sheetNumberOf } from './sheet-number.ts';

export type CompareOptions = {
  /** A revised symbol within this distance of a base symbol of its type (after registration) is the same one. */
  samePositionPt?: number;
  /** An unpaired removed and added symbol of one type closer than this are one symbol that moved. */
  moveRadiusPt?: number;
  registration?: Partial<RegisterOptions>;
};

/** Key of symbols outside any room in `delta.byRoom`. */
export const NO_ROOM = '';

type PagePair = {
  sheet: string | null;
  base: AnalysisPage | null;
  revised: AnalysisPage | null;
  pairedBy: SheetPairing['pairedBy'];
};

/**
 * Sheets paired by the sheet number of their title block (E-101 ↔ E-101); pages without one are
 * paired by order among the pages left. Unpaired pages are sheets added or removed.
 */
export function pairSheets(base: readonly AnalysisPage[], revised: readonly AnalysisPage[]): PagePair[] {
  const numbered = (pages: readonly AnalysisPage[]) => {
    const byNumber = new Map<string, AnalysisPage>();
    const duplicate = new Set<string>();
    for (const p of pages) {
      const n = sheetNumberOf(p.text);
      if (n === null) continue;
      if (byNumber.has(n)) duplicate.add(n);
      byNumber.set(n, p);
    }
    for (const d of duplicate) byNumber.delete(d);
    return byNumber;
  };
  const b = numbered(base);
  const r = numbered(revised);
  const pairs: PagePair[] = [];
  const usedB = new Set<AnalysisPage>();
  const usedR = new Set<AnalysisPage>();
  for (const [n, bp] of b) {
    const rp = r.get(n);
    if (!rp) continue;
    pairs.push({ sheet: n, base: bp, revised: rp, pairedBy: 'sheet-number' });
    usedB.add(bp);
    usedR.add(rp);
  }
  // A numbered sheet whose number is absent from the other set was added or removed; only pages
  // without any number are paired by order.
  const sheetOf = (p: AnalysisPage, index: Map<string, AnalysisPage>) =>
    [...index.entries()].find(([, v]) => v === p)?.[0] ?? null;
  const restB = base.filter((p) => !usedB.has(p) && sheetOf(p, b) === null);
  const restR = revised.filter((p) => !usedR.has(p) && sheetOf(p, r) === null);
  const n = Math.min(restB.length, restR.length);
  for (let i = 0; i < n; i++) {
    pairs.push({ sheet: null, base: restB[i] ?? null, revised: restR[i] ?? null, pairedBy: 'order' });
    usedB.add(restB[i] as AnalysisPage);
    usedR.add(restR[i] as AnalysisPage);
  }
  for (const p of base)
    if (!usedB.has(p)) pairs.push({ sheet: sheetOf(p, b), base: p, revised: null, pairedBy: 'none' });
  for (const p of revised)
    if (!usedR.has(p)) pairs.push({ sheet: sheetOf(p, r), base: null, revised: p, pairedBy: 'none' });
  const order = (p: PagePair) => (p.revised?.number ?? 0) * 1000 + (p.base?.number ?? 0);
  return pairs.sort((x, y) => order(x) - order(y));
}

type Placed = { page: AnalysisPage; index: number; x: number; y: number };

/**
 * Symbols of a registered page pair: pairs of one type within `samePositionPt` are unchanged,
 * then the closest remaining pairs of one type within `moveRadiusPt` moved, the rest were removed
 * (base) or added (revised). Greedy by distance, which is exact when devices are further apart
 * than the tolerance (they are: two devices do not overlap on a drawing).
 */
function diffSymbols(
  base: AnalysisPage,
  revised: AnalysisPage,
  t: Similarity,
  samePositionPt: number,
  moveRadiusPt: number,
): SymbolChange[] {
  const baseSyms: Placed[] = base.symbols.map((s, index) => ({ page: base, index, x: s.x, y: s.y }));
  const revSyms: Placed[] = revised.symbols.map((s, index) => {
    const [x, y] = applySimilarity(t, s.x, s.y);
    return { page: revised, index, x, y };
  });
  const usedB = new Set<number>();
  const usedR = new Set<number>();
  const pairWithin = (radius: number) => {
    const candidates: { b: number; r: number; d: number }[] = [];
    for (const b of baseSyms) {
      if (usedB.has(b.index)) continue;
      const bt = base.symbols[b.index]?.type;
      for (const r of revSyms) {
        if (usedR.has(r.index) || revised.symbols[r.index]?.type !== bt) continue;
        const d = Math.hypot(b.x - r.x, b.y - r.y);
        if (d <= radius) candidates.push({ b: b.index, r: r.index, d });
      }
    }
    candidates.sort((p, q) => p.d - q.d || p.b - q.b || p.r - q.r);
    const out: typeof candidates = [];
    for (const c of candidates) {
      if (usedB.has(c.b) || usedR.has(c.r)) continue;
      usedB.add(c.b);
      usedR.add(c.r);
      out.push(c);
    }
    return out;
  };
  pairWithin(samePositionPt);
  const changes: SymbolChange[] = [];
  for (const m of pairWithin(moveRadiusPt)) {
    const from = base.symbols[m.b];
    const to = revised.symbols[m.r];
    if (!from || !to) continue;
    changes.push({
      change: 'moved',
      type: to.type,
      page: revised.number,
      x: to.x,
      y: to.y,
      room: to.room,
      from: { page: base.number, x: from.x, y: from.y },
      distancePt: Math.round(m.d * 100) / 100,
    });
  }
  base.symbols.forEach((s, i) => {
    if (!usedB.has(i))
      changes.push({ change: 'removed', type: s.type, page: base.number, x: s.x, y: s.y, room: s.room });
  });
  revised.symbols.forEach((s, i) => {
    if (!usedR.has(i))
      changes.push({ change: 'added', type: s.type, page: revised.number, x: s.x, y: s.y, room: s.room });
  });
  return changes;
}

const roomKey = (name: string) => normalizeText(name);

/**
 * Rooms of a page pair by name; an unpaired base room whose region, registered, overlaps an
 * unpaired revised room's more than half was renamed. Areas are not compared: they follow the
 * plotted scale, which a re-plot changes.
 */
function diffRooms(
  base: AnalysisPage | null,
  revised: AnalysisPage | null,
  t: Similarity,
  sheet: string | null,
): RoomChange[] {
  const bRooms = base?.rooms ?? [];
  const rRooms = revised?.rooms ?? [];
  const rKeys = new Set(rRooms.map((r) => roomKey(r.name)));
  const bKeys = new Set(bRooms.map((r) => roomKey(r.name)));
  const goneB = bRooms.filter((r) => !rKeys.has(roomKey(r.name)));
  const newR = rRooms.filter((r) => !bKeys.has(roomKey(r.name)));
  const changes: RoomChange[] = [];
  const renamedR = new Set<(typeof newR)[number]>();
  for (const b of goneB) {
    const match = b.bbox
      ? newR.find((r) => {
          if (renamedR.has(r) || !r.bbox) return false;
          const [x0, y0] = applySimilarity(t, r.bbox[0], r.bbox[1]);
          const [x1, y1] = applySimilarity(t, r.bbox[2], r.bbox[3]);
          return (
            overlapRatio(b.bbox as [number, number, number, number], [
              Math.min(x0, x1),
              Math.min(y0, y1),
              Math.max(x0, x1),
              Math.max(y0, y1),
            ]) > 0.5
          );
        })
      : undefined;
    if (match) {
      renamedR.add(match);
      changes.push({ change: 'renamed', sheet, before: b.name, after: match.name });
    } else changes.push({ change: 'removed', sheet, before: b.name, after: null });
  }
  for (const r of newR)
    if (!renamedR.has(r)) changes.push({ change: 'added', sheet, before: null, after: r.name });
  return changes;
}

function overlapRatio(a: readonly number[], b: readonly number[]): number {
  const [ax0 = 0, ay0 = 0, ax1 = 0, ay1 = 0] = a;
  const [bx0 = 0, by0 = 0, bx1 = 0, by1 = 0] = b;
  const w = Math.min(ax1, bx1) - Math.max(ax0, bx0);
  const h = Math.min(ay1, by1) - Math.max(ay0, by0);
  if (w <= 0 || h <= 0) return 0;
  const smaller = Math.min((ax1 - ax0) * (ay1 - ay0), (bx1 - bx0) * (by1 - by0));
  return smaller <= 0 ? 0 : (w * h) / smaller;
}

const panelKey = (name: string) => normalizeText(name).replace(/\s+/g, '');
const CIRCUIT_FIELDS = ['amps', 'poles', 'description', 'conductor'] as const;

function sameField(field: (typeof CIRCUIT_FIELDS)[number], a: PanelCircuit, b: PanelCircuit): boolean {
  if (field === 'description') return normalizeText(a.description) === normalizeText(b.description);
  return (a[field] ?? null) === (b[field] ?? null);
}

/** Circuits of every schedule of the plan, by panel name and circuit number. */
export function diffCircuits(base: PlanAnalysis, revised: PlanAnalysis): CircuitChange[] {
  const index = (a: PlanAnalysis) => {
    const out = new Map<string, { panel: string; circuit: PanelCircuit }>();
    for (const page of a.pages)
      for (const panel of page.panels)
        for (const c of panel.circuits)
          out.set(`${panelKey(panel.name)}#${c.number}`, { panel: panel.name, circuit: c });
    return out;
  };
  const b = index(base);
  const r = index(revised);
  const changes: CircuitChange[] = [];
  for (const [key, before] of b) {
    const after = r.get(key);
    if (!after) {
      changes.push({
        panel: before.panel,
        number: before.circuit.number,
        change: 'removed',
        before: before.circuit,
        after: null,
        fields: [],
      });
      continue;
    }
    const fields = CIRCUIT_FIELDS.filter((f) => !sameField(f, before.circuit, after.circuit));
    if (fields.length > 0)
      changes.push({
        panel: after.panel,
        number: after.circuit.number,
        change: 'modified',
        before: before.circuit,
        after: after.circuit,
        fields: [...fields],
      });
  }
  for (const [key, after] of r)
    if (!b.has(key))
      changes.push({
        panel: after.panel,
        number: after.circuit.number,
        change: 'added',
        before: null,
        after: after.circuit,
        fields: [],
      });
  return changes.sort((x, y) => x.panel.localeCompare(y.panel) || x.number - y.number);
}

function tally(changes: readonly SymbolChange[]): AnalysisComparison['delta'] {
  const byType: Record<string, ChangeTally> = {};
  const byRoom: Record<string, Record<string, ChangeTally>> = {};
  const zero = (): ChangeTally => ({ added: 0, removed: 0, moved: 0 });
  for (const c of changes) {
    const t = byType[c.type] ?? zero();
    t[c.change]++;
    byType[c.type] = t;
    const room = byRoom[c.room ?? NO_ROOM] ?? {};
    const rt = room[c.type] ?? zero();
    rt[c.change]++;
    room[c.type] = rt;
    byRoom[c.room ?? NO_ROOM] = room;
  }
  return { byType, byRoom };
}

/**
 * What changed from `base` to `revised` (two analyses of issues of one drawing set): sheets
 * paired (`pairSheets`), each revised page registered onto its base page (`registerPage`: a
 * re-plot with another margin, scale factor or small rotation maps onto the original), then
 * symbols, rooms and circuits compared. Positions in the result are each plan's own page
 * coordinates. Pure and deterministic; prices are not here (`bomDelta` in @saeq/bom).
 */
export function compareAnalyses(
  base: PlanAnalysis,
  revised: PlanAnalysis,
  options: CompareOptions = {},
): AnalysisComparison {
  const samePositionPt = options.samePositionPt ?? 6;
  const moveRadiusPt = options.moveRadiusPt ?? 144;
  const pages: SheetPairing[] = [];
  const symbols: SymbolChange[] = [];
  const rooms: RoomChange[] = [];
  for (const pair of pairSheets(base.pages, revised.pages)) {
    let t: Similarity = { scale: 1, rotationRad: 0, tx: 0, ty: 0 };
    let registration: SheetPairing['registration'] = null;
    let pageChanges: SymbolChange[];
    if (pair.base && pair.revised) {
      const anchors = (p: AnalysisPage) => p.symbols.map((s) => ({ label: s.type, x: s.x, y: s.y }));
      const reg = registerPage(
        { anchors: anchors(pair.base), widthPt: pair.base.widthPt, heightPt: pair.base.heightPt },
        { anchors: anchors(pair.revised), widthPt: pair.revised.widthPt, heightPt: pair.revised.heightPt },
        options.registration,
      );
      t = reg.transform;
      registration = reg.registration;
      pageChanges = diffSymbols(pair.base, pair.revised, t, samePositionPt, moveRadiusPt);
    } else if (pair.base) {
      pageChanges = pair.base.symbols.map((s) => ({
        change: 'removed' as const,
        type: s.type,
        page: pair.base?.number ?? 1,
        x: s.x,
        y: s.y,
        room: s.room,
      }));
    } else {
      const page = pair.revised as AnalysisPage;
      pageChanges = page.symbols.map((s) => ({
        change: 'added' as const,
        type: s.type,
        page: page.number,
        x: s.x,
        y: s.y,
        room: s.room,
      }));
    }
    const roomChanges = diffRooms(pair.base, pair.revised, t, pair.sheet);
    symbols.push(...pageChanges);
    rooms.push(...roomChanges);
    pages.push({
      sheet: pair.sheet,
      basePage: pair.base?.number ?? null,
      revisedPage: pair.revised?.number ?? null,
      pairedBy: pair.pairedBy,
      change: !pair.base
        ? 'added'
        : !pair.revised
          ? 'removed'
          : pageChanges.length + roomChanges.length > 0
            ? 'modified'
            : 'unchanged',
      registration,
    });
  }
  return { pages, delta: tally(symbols), symbols, circuits: diffCircuits(base, revised), rooms };
}
