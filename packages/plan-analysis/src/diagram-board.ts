import type { PanelCircuit, PanelSchedule } from '@saeq/shared/contracts/plan-analysis';
import { bboxContains, unionBBoxes } from './geometry.ts';
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
/** A conductor size: "2.5mm²", "4 mm2", "16mm". */
const CABLE = /\b\d+(?:[.,]\d+)?\s*mm[²2]?(?![a-z])/gi;
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
      .replace(/[+/,&]+(?=\s|$)/g, ' ')
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

/** Label columns: labels written upwards (or downwards) stacked at one place across. */
function wayColumns(lines: readonly TextLine[]): WayColumn[] {
  const rotated = lines
    .filter((l) => l.angle === 90 || l.angle === 270)
    .sort((a, b) => midX(a.bbox) - midX(b.bbox));
  const cols: WayColumn[] = [];
  for (const l of rotated) {
    const cx = midX(l.bbox);
    const fs = l.fontSize;
    const col = cols.find(
      (c) =>
        Math.abs(c.cx - cx) < 1.2 * Math.max(fs, c.fs) &&
        l.bbox[1] < c.y1 + 8 * fs &&
        l.bbox[3] > c.y0 - 8 * fs,
    );
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
  return cols.filter((c) => c.lines.some(isWayFact));
}

/**
 * Boards: way columns side by side whose heights overlap, at a steady pitch (a gap wider than
 * 2.5 pitches ends the board); at least two ways, two of them rated.
 */
function boardsOf(cols: readonly WayColumn[]): WayColumn[][] {
  const sorted = [...cols].sort((a, b) => a.cx - b.cx);
  const runs: WayColumn[][] = [];
  for (const c of sorted) {
    const run = runs.find((r) => {
      const last = r[r.length - 1];
      return last !== undefined && c.y0 < last.y1 && c.y1 > last.y0 && c.cx - last.cx < 12 * c.fs;
    });
    if (run) run.push(c);
    else runs.push([c]);
  }
  const out: WayColumn[][] = [];
  for (const run of runs) {
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
  const boards = boardsOf(wayColumns(free));
  const boxes = boards.map((b) => unionBBoxes(b.flatMap((c) => c.lines.map((l) => l.bbox))));
  const out: { schedule: PanelSchedule; bbox: BBox }[] = [];
  boards.forEach((ways, k) => {
    const bbox = boxes[k];
    if (!bbox) return;
    const readings = ways.map((w) => readWayLabels(readingOrder(w.lines)));
    if (readings.filter((r) => r.circuit?.amps != null).length < 2) return;
    const fs = Math.max(...ways.map((w) => w.fs));
    const others = boxes.filter((b, i): b is BBox => i !== k && b !== null);
    const info = boardInfo(bbox, fs, free, [...taken, ...others]);
    if (!info.name || names.has(normalizeText(info.name))) return;
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
