import type { PanelCircuit, PanelSchedule } from '@saeq/shared/contracts/plan-analysis';
import { bboxContains, unionBBoxes } from './geometry.ts';
import { dbNameIn } from './panel-schedule-info.ts';
import type { BBox } from './primitives.ts';
import type { TextLine } from './text-lines.ts';
import { boardInfo, fixOcrDigits, parseBreaker } from './transposed-panel-schedule.ts';
import { normalizeText, polesOfDevice } from './vocabulary.ts';

/**
 * IEC distribution boards drawn as a single-line diagram with no circuit table: a busbar, one
 * drop per outgoing way, and each way's facts written upwards beside its drop ("L1", "20A SP",
 * "2.5mm²", "PLUGS OFFICE"). The labels of one way stand in one column; the ways of one board
 * side by side, their label columns overlapping in height.
 */
type WayColumn = { cx: number; lines: TextLine[]; y0: number; y1: number; fs: number };

const midX = (b: BBox): number => (b[0] + b[2]) / 2;

/** A way reference printed alone or first on a label: "L1", "P12", "C-3", "7". */
const WAY_REF = /^(?:[A-Z]{1,3}[-.]?)?\d{1,3}$/;
/** A conductor size: "2.5mm²", "4 mm2", "16mm", "3x2.5mm²". */
const CABLE = /(?<![\d.,])(?:\d\s*[x×]\s*)?\d+(?:[.,]\d+)?\s*mm[²2]?(?![a-z])/gi;
/** Words of a cable's make-up or a breaker's kind, not of a description. */
const NOT_DESCRIPTION =
  /\b(?:\d+(?:[.,]\d+)?\s*(?:ka|ma)|\d+\s*c|x|pvc|swa|xlpe|cu|al|gp|core|cores|cable|mcb|rcbo|rcd|el|e\/l|sp|dp|tp|tpn|spn|[1-4]\s*p(?:ole)?|curve|[bcdk])\b/gi;

/** The facts of one way from its labels, read in order. */
function readWayLabels(lines: readonly TextLine[]): {
  ref: string | null;
  circuit: Omit<PanelCircuit, 'number'> | null;
} {
  let ref: string | null = null;
  let amps: number | null = null;
  let poles: number | null = null;
  const cables: string[] = [];
  const words: string[] = [];
  for (const l of lines) {
    const text = fixOcrDigits(l.text).replace(/\s+/g, ' ').trim();
    const first = text.split(' ')[0] ?? '';
    let rest = text;
    if (ref === null && WAY_REF.test(first.toUpperCase()) && (text === first || /\d\s*a\b|mm/i.test(text))) {
      ref = first.toUpperCase();
      rest = text.slice(first.length);
    }
    for (const m of rest.matchAll(CABLE)) cables.push(m[0].replace(/\s+/g, ''));
    rest = rest.replace(CABLE, ' ');
    const breaker = /\d\s*a\b|\b[bcdk]\s?\d{1,3}\b/i.test(rest) ? parseBreaker(rest) : null;
    if (amps === null && breaker?.amps) amps = breaker.amps;
    poles ??= breaker?.poles ?? polesOfDevice(rest);
    rest = rest
      .replace(/\b\d{1,4}\s*a(?:mps?)?\b|\b[bcdk]\s?\d{1,3}\b/gi, ' ')
      .replace(NOT_DESCRIPTION, ' ')
      .replace(/[+/,&]+(?=\s|$)|(?:^|\s)[-–—:;|]+(?=\s|$)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (/\p{L}.*\p{L}/u.test(rest)) words.push(rest);
  }
  const description = words.join(' ');
  if (description === '' && amps === null) return { ref, circuit: null };
  const circuit: Omit<PanelCircuit, 'number'> = { description, amps, poles };
  if (cables.length > 0) circuit.conductor = cables.join(' ');
  return { ref, circuit };
}

/**
 * Labels of one way in reading order: the columns of labels beside each other left to right,
 * each column along its baseline (upwards text bottom to top, downwards text top to bottom).
 */
function readingOrder(lines: readonly TextLine[]): TextLine[] {
  const subs: TextLine[][] = [];
  for (const l of [...lines].sort((a, b) => midX(a.bbox) - midX(b.bbox))) {
    const sub = subs[subs.length - 1];
    const last = sub?.[sub.length - 1];
    if (sub && last && midX(l.bbox) - midX(last.bbox) < 0.5 * l.fontSize) sub.push(l);
    else subs.push([l]);
  }
  return subs.flatMap((sub) =>
    sub.sort((a, b) => (a.angle === 270 ? b.bbox[3] - a.bbox[3] : a.bbox[1] - b.bbox[1])),
  );
}

/** Whether a label states a way's fact: a rating, a conductor size or a way reference alone. */
function isWayFact(l: TextLine): boolean {
  const t = fixOcrDigits(l.text).trim();
  return /\b\d{1,3}\s*a\b|\b[bcdk]\d{1,3}\b|\d\s*mm[²2]?(?![a-z])/i.test(t) || WAY_REF.test(t.toUpperCase());
}

/**
 * An earth-leakage unit over a group of ways ("63A 4P 30mA E/L"): a residual current without a
 * way reference or a conductor size is no way of its own (an RCBO way gives both).
 */
function isRcdUnit(col: WayColumn): boolean {
  const t = col.lines.map((l) => fixOcrDigits(l.text)).join(' ');
  return (
    /\d\s*ma\b|\be\/?l\b|\belcb\b|\brcd\b|earth leakage/i.test(t) &&
    !new RegExp(CABLE.source, 'i').test(t) &&
    !col.lines.some((l) => WAY_REF.test(l.text.trim().split(' ')[0]?.toUpperCase() ?? ''))
  );
}

/** Label columns: labels written upwards (or downwards) stacked at one place across. */
function wayColumns(lines: readonly TextLine[], factsOnly = false): WayColumn[] {
  // Horizontal text is everywhere on a sheet: there only lines that state a way's fact open a
  // column (a way's description stands on the line of its rating).
  const rotated = lines.filter((l) => !factsOnly || isWayFact(l)).sort((a, b) => midX(a.bbox) - midX(b.bbox));
  const cols: WayColumn[] = [];
  for (const l of rotated) {
    const cx = midX(l.bbox);
    const fs = l.fontSize;
    // Columns are opened left to right: only the last ones can stand within reach.
    let col: WayColumn | undefined;
    for (let i = cols.length - 1; i >= 0; i--) {
      const c = cols[i];
      if (!c) continue;
      if (c.cx < cx - 3 * Math.max(fs, c.fs)) break;
      if (
        Math.abs(c.cx - cx) < 1.2 * Math.max(fs, c.fs) &&
        l.bbox[1] < c.y1 + 12 * fs &&
        l.bbox[3] > c.y0 - 12 * fs
      ) {
        col = c;
        break;
      }
    }
    if (!col) {
      cols.push({ cx, lines: [l], y0: l.bbox[1], y1: l.bbox[3], fs });
      continue;
    }
    col.lines.push(l);
    col.cx = col.lines.reduce((s, o) => s + midX(o.bbox), 0) / col.lines.length;
    col.y0 = Math.min(col.y0, l.bbox[1]);
    col.y1 = Math.max(col.y1, l.bbox[3]);
    col.fs = Math.max(col.fs, fs);
  }
  if (factsOnly)
    attachToColumns(
      cols,
      lines.filter((l) => !isWayFact(l)),
    );
  return cols;
}

/** Lines joined to the column they stand in (centred within 1.2 em across, 12 em along), if any. */
function attachToColumns(cols: WayColumn[], lines: readonly TextLine[]): void {
  cols.sort((a, b) => a.cx - b.cx);
  const spans = cols.map((c) => ({ y0: c.y0, y1: c.y1 }));
  for (const l of lines) {
    const cx = midX(l.bbox);
    const fs = l.fontSize;
    let lo = 0;
    let hi = cols.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cols[mid]?.cx ?? 0) < cx - 3 * fs) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < cols.length; i++) {
      const c = cols[i];
      const span = spans[i];
      if (!c || !span || c.cx > cx + 3 * fs) break;
      if (Math.abs(c.cx - cx) >= 1.2 * Math.max(fs, c.fs)) continue;
      if (l.bbox[1] >= span.y1 + 12 * fs || l.bbox[3] <= span.y0 - 12 * fs) continue;
      c.lines.push(l);
      c.y0 = Math.min(c.y0, l.bbox[1]);
      c.y1 = Math.max(c.y1, l.bbox[3]);
      break;
    }
  }
}

/**
 * One way labelled on both sides of its drop (the description left, the rating right) gives two
 * columns much closer together than the ways are: columns nearer than half the ways' pitch (the
 * upper quartile of the gaps) are one way.
 */
function mergeSideBySide(run: readonly WayColumn[]): WayColumn[] {
  const gaps = run.slice(1).map((c, i) => c.cx - (run[i]?.cx ?? c.cx));
  const pitch = [...gaps].sort((a, b) => a - b)[Math.floor(0.75 * gaps.length)] ?? 0;
  const out: WayColumn[] = [];
  run.forEach((c, i) => {
    const last = out[out.length - 1];
    if (!last || (gaps[i - 1] ?? 0) >= 0.5 * pitch) {
      out.push({ ...c, lines: [...c.lines] });
      return;
    }
    last.lines.push(...c.lines);
    last.cx = (last.cx + c.cx) / 2;
    last.y0 = Math.min(last.y0, c.y0);
    last.y1 = Math.max(last.y1, c.y1);
    last.fs = Math.max(last.fs, c.fs);
  });
  return out;
}

/**
 * One board's labels in two bands along its drops (the ratings by the breakers, the descriptions
 * at the drops' ends): two runs of as many columns, pairwise in line across and less than 30 em
 * apart along, are one run.
 */
function joinAlignedRuns(runs: readonly WayColumn[][]): WayColumn[][] {
  const out = runs.filter((r) => r.length >= 2).map((r) => r.map((c) => ({ ...c, lines: [...c.lines] })));
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const a = out[i] ?? [];
      const b = out[j] ?? [];
      if (a.length < 2 || a.length !== b.length) continue;
      const inLine = a.every((c, k) => {
        const o = b[k];
        if (!o) return false;
        const fs = Math.max(c.fs, o.fs);
        const gap = Math.max(o.y0 - c.y1, c.y0 - o.y1);
        return Math.abs(c.cx - o.cx) < 1.2 * fs && gap < 30 * fs;
      });
      if (!inLine) continue;
      a.forEach((c, k) => {
        const o = b[k];
        if (!o) return;
        c.lines.push(...o.lines);
        c.y0 = Math.min(c.y0, o.y0);
        c.y1 = Math.max(c.y1, o.y1);
        c.fs = Math.max(c.fs, o.fs);
      });
      out.splice(j, 1);
      j--;
    }
  }
  return out;
}

/** The left end of a board's header zone (`boardInfo` reads 10 em either side; 30 more on the left for ways drawn across). */
function zoneX0(bbox: BBox, fs: number): number {
  return bbox[0] - 40 * fs;
}

/** The median distance between neighbouring ways. */
function pitchOf(ways: readonly WayColumn[]): number {
  const gaps = ways.slice(1).map((c, i) => c.cx - (ways[i]?.cx ?? c.cx));
  return [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
}

/**
 * Whether the ways' labels start (or end) in line: drops leave the busbar together, so their
 * labels begin at one distance from it, or end at one (two in three ways within 2 em of the
 * median).
 */
function aligned(ways: readonly WayColumn[]): boolean {
  const fs = Math.max(...ways.map((w) => w.fs));
  const inLine = (values: number[]) => {
    const m = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    return values.filter((v) => Math.abs(v - m) <= 2 * fs).length >= (2 / 3) * values.length;
  };
  return inLine(ways.map((w) => w.y0)) || inLine(ways.map((w) => w.y1));
}

/** Whether no gap between neighbouring ways is over 2.6 times another. */
function steadyPitch(ways: readonly WayColumn[]): boolean {
  const gaps = ways.slice(1).map((c, i) => c.cx - (ways[i]?.cx ?? c.cx));
  return gaps.length > 0 && Math.max(...gaps) <= 2.6 * Math.min(...gaps);
}

/**
 * Boards: way columns side by side whose heights overlap, at a steady pitch (a gap wider than
 * 2.5 pitches ends the board); at least two ways, two of them rated.
 */
function boardsOf(cols: readonly WayColumn[]): WayColumn[][] {
  const sorted = [...cols].sort((a, b) => a.cx - b.cx);
  const runs: WayColumn[][] = [];
  // Runs whose last column is still within reach of the next ones (left to right).
  let open: WayColumn[][] = [];
  for (const c of sorted) {
    open = open.filter((r) => (r[r.length - 1]?.cx ?? 0) > c.cx - 12 * c.fs);
    const run = open.find((r) => {
      const last = r[r.length - 1];
      return last !== undefined && c.y0 < last.y1 && c.y1 > last.y0;
    });
    if (run) run.push(c);
    else {
      runs.push([c]);
      open.push(runs[runs.length - 1] ?? [c]);
    }
  }
  const out: WayColumn[][] = [];
  // Columns that state no fact of a way (a description beside the drop) count once merged.
  const merged = joinAlignedRuns(runs.map(mergeSideBySide)).map((r) =>
    r.filter((c) => c.lines.some(isWayFact) && !isRcdUnit(c)),
  );
  for (const run of merged) {
    const gaps = run.slice(1).map((c, i) => c.cx - (run[i]?.cx ?? c.cx));
    const pitch = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
    let cur: WayColumn[] = [];
    run.forEach((c, i) => {
      if (i > 0 && (gaps[i - 1] ?? 0) > 2.5 * pitch) {
        out.push(cur);
        cur = [];
      }
      cur.push(c);
    });
    out.push(cur);
  }
  return out.filter((b) => b.length >= 2);
}

/**
 * Reads boards drawn as single-line diagrams whose ways are labelled beside their drops (see
 * `WayColumn`), outside the areas `taken` by tables already read. A way is a circuit when it
 * gives a rating or a description; its number is the printed one when every way prints a bare
 * integer, else its order from the left ("L1", "P1" restart per kind). The board's name and
 * ratings are read above the ways as on transposed tables; boards named like one in `names` (read
 * from its table already) are left out.
 */
export function findDiagramBoards(
  lines: readonly TextLine[],
  taken: readonly BBox[],
  names: ReadonlySet<string>,
): { schedule: PanelSchedule; bbox: BBox }[] {
  const free = lines.filter((l) => !taken.some((b) => bboxContains(b, l.bbox, 1)));
  // Upright labels, and short horizontal ones that state a way's fact ("20A" by a breaker).
  const upright = free.filter(
    (l) => l.angle === 90 || l.angle === 270 || (l.angle === 0 && l.text.length <= 10 && isWayFact(l)),
  );
  const out = readBoards(upright, free, taken, names, 'upright');
  // Ways drawn across from an upright busbar, each labelled along its line ("10A L1 LIGHTS"): the
  // same reading a quarter turn round, the ways' labels as columns.
  const turned = new Map<TextLine, TextLine>();
  for (const l of free.filter((o) => o.angle === 0)) {
    const [x0, y0, x1, y1] = l.bbox;
    turned.set({ ...l, angle: 90, bbox: [-y1, x0, -y0, x1] }, l);
  }
  const seen = () => new Set([...names, ...out.map((o) => normalizeText(o.schedule.name))]);
  const taken2 = () => [...taken, ...out.map((o) => o.bbox)];
  out.push(...readBoards([...turned.keys()], free, taken2(), seen(), 'across', (l) => turned.get(l) ?? l));
  // Short horizontal labels stacked under each drop ("L1" over "10A" over "1.5").
  const flat = free.filter((l) => l.angle === 0 && !taken2().some((b) => bboxContains(b, l.bbox, 1)));
  out.push(...readBoards(flat, free, taken2(), seen(), 'stacked'));
  return out;
}

/**
 * How a board's ways are labelled: upwards beside their drops (`upright`); along ways drawn across
 * from an upright busbar, the lines turned a quarter round to read as columns (`across`); or in
 * short horizontal lines stacked under each drop (`stacked`). Horizontal text is everywhere on a
 * sheet: there every way needs a rating, two in three a way reference or a conductor size too (a
 * board's header lines give a rating alone), each in at most 60 characters, three ways at least,
 * and stacked labels narrower than the pitch. Every board's ways stand at a steady pitch (no gap
 * over 2.6 times another; an unlabelled spare doubles one) with their labels in line (`aligned`).
 */
type Labelling = 'upright' | 'across' | 'stacked';

/** Boards from label columns of `labels` (see `Labelling`); `original` gives back turned lines. */
function readBoards(
  labels: readonly TextLine[],
  free: readonly TextLine[],
  taken: readonly BBox[],
  names: ReadonlySet<string>,
  labelling: Labelling,
  original: (l: TextLine) => TextLine = (l) => l,
): { schedule: PanelSchedule; bbox: BBox }[] {
  const flat = labelling !== 'upright';
  // Boards with their ways read; only those that pass bound each other's header zones.
  const boards = boardsOf(wayColumns(labels, labelling !== 'upright')).flatMap((ways) => {
    const readings = ways.map((w) => readWayLabels(readingOrder(w.lines)));
    if (readings.filter((r) => r.circuit?.amps != null).length < 2) return [];
    if (!steadyPitch(ways) || !aligned(ways)) return [];
    // Upright ways are labelled upwards, most of them at least (not only by short horizontal facts).
    if (!flat && ways.filter((w) => w.lines.some((l) => l.angle !== 0)).length < Math.max(2, ways.length / 2))
      return [];
    if (
      flat &&
      (ways.length < 3 ||
        !readings.every((r) => r.circuit?.amps != null) ||
        readings.filter((r) => r.ref !== null || r.circuit?.conductor !== undefined).length <
          (2 / 3) * ways.length ||
        // A way's labels are short; numbered notes ("1. ALL PLUGS ON 20A MCB, 2.5mm² …") are not.
        ways.some((w) => w.lines.reduce((n, l) => n + l.text.length, 0) > 60) ||
        (labelling === 'stacked' &&
          ways.some((w) => w.lines.some((l) => l.bbox[2] - l.bbox[0] > pitchOf(ways)))))
    )
      return [];
    const bbox = unionBBoxes(ways.flatMap((c) => c.lines.map((l) => original(l).bbox)));
    return bbox ? [{ ways, readings, bbox }] : [];
  });
  const out: { schedule: PanelSchedule; bbox: BBox }[] = [];
  const named = new Set(names);
  boards.forEach(({ ways, readings, bbox }, k) => {
    const fs = Math.max(...ways.map((w) => w.fs));
    // Other boards bound this one's header zone where they stand across from it.
    const others = boards
      .filter((o, i) => i !== k && o.bbox[2] > zoneX0(bbox, fs) && o.bbox[0] < bbox[2] + 10 * fs)
      .map((b) => b.bbox);
    // Ways drawn across start at the busbar, left of their labels: its title stands over it.
    const zone: BBox = labelling === 'across' ? [bbox[0] - 30 * fs, bbox[1], bbox[2], bbox[3]] : bbox;
    const info = boardInfo(zone, fs, free, [...taken, ...others]);
    if (!info.name || named.has(normalizeText(info.name))) return;
    named.add(normalizeText(info.name));
    const printed = readings.map((r) => (r.ref && /^\d+$/.test(r.ref) ? Number(r.ref) : null));
    const numbered = printed.every((n, i) => n !== null && (i === 0 || n > (printed[i - 1] ?? 0)));
    const circuits: PanelCircuit[] = [];
    readings.forEach((r, i) => {
      if (!r.circuit) return;
      const number = numbered ? (printed[i] ?? i + 1) : i + 1;
      circuits.push({ ...r.circuit, number, positions: [number] });
    });
    out.push({
      schedule: {
        name: info.name,
        voltage: info.voltage,
        phases: info.phases,
        mainA: info.mainA,
        circuits,
        positionCount: Math.max(ways.length, info.ways ?? 0, ...circuits.map((c) => c.number)),
        ...(info.wires !== null ? { wires: info.wires } : {}),
        ...(info.aic !== null ? { aic: info.aic } : {}),
        ...(info.mains !== null ? { mains: info.mains } : {}),
        ...(info.busA !== null ? { busA: info.busA } : {}),
      },
      bbox,
    });
  });
  return out;
}

/**
 * Whether horizontal lines name a distribution board ("DB-GF MAIN") and give a supply ("400V",
 * "3PH+N+E"): a single-line diagram whose ways may be labelled upwards beside their drops.
 */
export function namesDiagramBoard(lines: readonly TextLine[]): boolean {
  const flat = lines.filter((l) => l.angle === 0).map((l) => normalizeText(fixOcrDigits(l.text)));
  return flat.some((t) => dbNameIn(t) !== null) && flat.some((t) => /\b\d{3}\s*v\b|\b[13]\s*ph\b/.test(t));
}
