import type { Subpath } from './geometry.ts';
import { bboxCenter, bboxContains, bboxContainsPoint } from './geometry.ts';
import { findDoorSwings, findOpeningClosures } from './openings.ts';
import type { BBox } from './primitives.ts';
import { BoxGrid } from './spatial-grid.ts';
import { groupTextLines, type TextLine } from './text-lines.ts';
import { isRoomName, normalizeText } from './vocabulary.ts';

export type RoomLabel = { name: string; x: number; y: number; bbox: BBox; fontSize: number };

export type RoomRegion = {
  name: string;
  label: RoomLabel;
  /** Area in m² (null without a scale). */
  areaM2: number | null;
  /** Region box in page space (null when the label sits on ink and no region could grow). */
  bbox: BBox | null;
};

export type RoomMap = {
  rooms: RoomRegion[];
  /**
   * Index into `rooms` of the room containing the point (or most of `box` when given), else of
   * the nearest room within `searchRadius`, else -1.
   */
  roomAt(x: number, y: number, searchRadius?: number, box?: BBox): number;
};

/**
 * Room labels in the drawing area: lines that name a room (GLOSSARY.md vocabulary). A second
 * line directly below made only of capital words (no digits) completes the name
 * ("CHAMBRE" / "PRINCIPALE"); dimension or area lines below are not part of it.
 */
export function findRoomLabels(
  lines: readonly TextLine[],
  isDrawing: (x: number, y: number) => boolean,
  isExcludedLine: (line: TextLine) => boolean = () => false,
): RoomLabel[] {
  const labels: RoomLabel[] = [];
  const used = new Set<TextLine>();
  // Any angle: a floor plan turned on the sheet turns its room names with it.
  const horizontal = joinLabelFragments(
    lines
      .filter((l) => !isExcludedLine(l))
      .flatMap(splitAdjacentNames)
      .map(readAsDrawn),
  );
  for (const l of horizontal) {
    if (used.has(l) || !isRoomName(l.text)) continue;
    const [cx, cy] = bboxCenter(l.bbox);
    if (!isDrawing(cx, cy)) continue;
    let name = withoutArea(l.text.trim());
    let bbox = l.bbox;
    if (l.angle === 0) {
      const next = horizontal.find(
        (o) =>
          o !== l &&
          !used.has(o) &&
          o.angle === 0 &&
          l.y - o.y > 0 &&
          l.y - o.y < 1.5 * l.fontSize &&
          Math.abs(o.fontSize - l.fontSize) < 0.5 &&
          Math.abs((o.bbox[0] + o.bbox[2]) / 2 - cx) <
            0.6 * Math.max(l.bbox[2] - l.bbox[0], o.bbox[2] - o.bbox[0]) &&
          /^[A-ZÀ-Ÿ' -]{2,}$/.test(o.text.trim()) &&
          o.text.trim().split(/\s+/).length <= 2 &&
          !isRoomName(o.text),
      );
      if (next) {
        used.add(next);
        name = `${name} ${next.text.trim()}`;
        bbox = [
          Math.min(bbox[0], next.bbox[0]),
          Math.min(bbox[1], next.bbox[1]),
          Math.max(bbox[2], next.bbox[2]),
          Math.max(bbox[3], next.bbox[3]),
        ];
      }
    }
    used.add(l);
    const [x, y] = bboxCenter(bbox);
    labels.push({ name: name.replace(/\s+/g, ' '), x, y, bbox, fontSize: l.fontSize });
  }
  return labels;
}

/**
 * The room name without the area or the floor area noted after it on the same line
 * ("CHAMBRE 2 12,5 m²", "OFFICE 101 / 150 SF", "BUREAU 204 (14 m2)"): the name is what a room
 * is called, the area is measured.
 */
export function withoutArea(text: string): string {
  const area = String.raw`\d+(?:[.,]\d+)?\s*(?:m²|m2|m\^2|sf|s\.f\.|sq\.?\s*ft\.?|ft²|ft2|pi²|pi2|p\.c\.)`;
  const stripped = text.replace(new RegExp(String.raw`\s*[(/–-]?\s*${area}\s*\)?\s*$`, 'i'), '').trim();
  return stripped.length > 0 ? stripped : text;
}

/** OCR reads these letters' capitals as lower case: their shapes differ only by size. */
const CASE_AMBIGUOUS = /^[cosuvwxzCOSUVWXZ]$/;

/**
 * French room words as drawn, accents included: OCR drops the accents of capitals
 * ("SALLE A MANGER" for "SALLE À MANGER"), text layers keep what the drafter typed. Words
 * spelt alike in English but for the accent (RECEPTION, CONFERENCE) are left as read.
 */
const ACCENTED_ROOM_WORDS: ReadonlyMap<string, string> = new Map(
  [
    'SÉJOUR',
    'ENTRÉE',
    'MÉCANIQUE',
    'ÉLECTRIQUE',
    'RÉUNION',
    'DÉBARRAS',
    'EMPLOYÉS',
    'DÎNER',
    'DÎNEUR',
    'ENTREPÔT',
    'TÉLÉCOMMUNICATIONS',
    'CAFÉTÉRIA',
    'GÉNÉRATRICE',
    'DÉPÔT',
    'ÉTUDE',
  ].map((w) => [normalizeText(w).toUpperCase(), w]),
);

/**
 * A line as the drafter drew it. Text read by OCR gets back what OCR loses on capitals: the
 * case of letters whose capitals look like their lower case ("wc" → "WC") when the rest of
 * the line has no lower-case letter, and the accents of French room words ("SALLE A MANGER" →
 * "SALLE À MANGER"). Text-layer lines are returned unchanged.
 */
function readAsDrawn(line: TextLine): TextLine {
  if (line.items.length === 0 || !line.items.every((i) => i.source === 'ocr')) return line;
  let text = line.text;
  const lower = [...text].filter((ch) => ch !== ch.toUpperCase());
  if (lower.length > 0 && lower.every((ch) => CASE_AMBIGUOUS.test(ch))) text = text.toUpperCase();
  if (text !== text.toUpperCase()) return text === line.text ? line : { ...line, text };
  const words = text.split(' ').map((w) => ACCENTED_ROOM_WORDS.get(w) ?? w);
  for (let i = 1; i + 1 < words.length; i++) {
    // "SALLE A MANGER", "S. A MANGER": the preposition before MANGER.
    if (words[i] === 'A' && words[i + 1] === 'MANGER') words[i] = 'À';
  }
  text = words.join(' ');
  return text === line.text ? line : { ...line, text };
}

/** A room's number or letter after its name ("2", "104", "B", "1204A"). */
const DESIGNATOR = /^(?:[A-Z]?\d{1,4}[A-Z]?|[A-Z])$/;

/**
 * A room name broken into several lines on one baseline: OCR words whose boxes leave a gap
 * wider than a word space ("ELEC." · "ROOM"), sizes read differently ("CHAMBRE" · "PRINCIPALE"),
 * or a number set apart by OCR ("BUREAU" · "104"). Two pieces join when together they name a
 * room and the first alone does not, or the second is the room's number; both within 2.5 text
 * heights.
 */
function joinLabelFragments(lines: readonly TextLine[]): TextLine[] {
  const DEG = Math.PI / 180;
  // OCR word boxes of one line share their tops and bottoms better than their estimated
  // baselines (a size misread moves the baseline): horizontal boxes overlapping by half the
  // smaller height are on one row.
  const sameRowByBox = (p: TextLine, q: TextLine) => {
    if (p.angle !== 0 || q.angle !== 0) return false;
    const overlap = Math.min(p.bbox[3], q.bbox[3]) - Math.max(p.bbox[1], q.bbox[1]);
    return overlap >= 0.5 * Math.min(p.bbox[3] - p.bbox[1], q.bbox[3] - q.bbox[1]);
  };
  const frame = (l: TextLine) => {
    const cos = Math.cos(l.angle * DEG);
    const sin = Math.sin(l.angle * DEG);
    const first = l.items[0];
    const last = l.items[l.items.length - 1];
    const u0 = first ? first.x * cos + first.y * sin : 0;
    const u1 = last ? last.x * cos + last.y * sin + last.width : 0;
    const v = first ? -first.x * sin + first.y * cos : 0;
    return { u0, u1, v };
  };
  // Lines of each angle sorted by where they start along it, so the fragment that may continue a
  // line is looked for among those starting just after its end (a dense sheet has ~10⁴ lines:
  // scanning them all for each one was quadratic). Ties keep the input order, as the scan did.
  const byAngle = new Map<number, { o: TextLine; f: ReturnType<typeof frame>; index: number }[]>();
  lines.forEach((o, index) => {
    const f = frame(o);
    if (Number.isNaN(f.u0)) return;
    const list = byAngle.get(o.angle);
    if (list) list.push({ o, f, index });
    else byAngle.set(o.angle, [{ o, f, index }]);
  });
  for (const list of byAngle.values()) list.sort((x, y) => x.f.u0 - y.f.u0 || x.index - y.index);
  const out: { line: TextLine; origin: TextLine }[] = [];
  const taken = new Set<TextLine>();
  for (const l of lines) {
    if (taken.has(l)) continue;
    let current = l;
    for (let guard = 0; guard < 3; guard++) {
      const a = frame(current);
      const size = current.fontSize;
      const bothOcr = (o: TextLine) => [...current.items, ...o.items].every((i) => i.source === 'ocr');
      const candidates = byAngle.get(current.angle) ?? [];
      let next: TextLine | undefined;
      // The first candidate (by start, then input order) that continues the line.
      for (let k = firstAtOrAfter(candidates, a.u1 - 0.2 * size); k < candidates.length; k++) {
        const { o, f } = candidates[k] as (typeof candidates)[number];
        if (!(f.u0 - a.u1 < 2.5 * size)) break;
        if (
          o !== current &&
          o !== l &&
          !taken.has(o) &&
          f.u0 - a.u1 < 2.5 * Math.min(size, o.fontSize) &&
          (Math.abs(f.v - a.v) < 0.5 * Math.min(size, o.fontSize) || sameRowByBox(current, o)) &&
          (bothOcr(o) || Math.max(o.fontSize, size) / Math.min(o.fontSize, size) < 1.3)
        ) {
          next = o;
          break;
        }
      }
      if (!next) break;
      const joined = `${current.text} ${next.text}`;
      const completes = !isRoomName(current.text) && isRoomName(joined);
      const named = isRoomName(current.text);
      // Only OCR breaks a name from its number: on a text layer, a number set apart beside a
      // name is a tag or a keynote ("ATELIER" · "4").
      const numbers =
        named && bothOcr(next) && DESIGNATOR.test(next.text.trim()) && !/\d\s*$/.test(current.text);
      // "CHAMBRE" · "PRINCIPALE" read by OCR at two sizes: a qualifier word, not a room of its own.
      const qualifies =
        named &&
        bothOcr(next) &&
        /^[A-ZÀ-Ÿ]{4,}$/.test(next.text.trim()) &&
        !isRoomName(next.text) &&
        isRoomName(joined);
      if (!completes && !numbers && !qualifies) break;
      taken.add(next);
      current = {
        ...current,
        text: joined,
        items: [...current.items, ...next.items],
        fontSize: Math.max(current.fontSize, next.fontSize),
        bbox: [
          Math.min(current.bbox[0], next.bbox[0]),
          Math.min(current.bbox[1], next.bbox[1]),
          Math.max(current.bbox[2], next.bbox[2]),
          Math.max(current.bbox[3], next.bbox[3]),
        ],
      };
    }
    out.push({ line: current, origin: l });
  }
  return out.filter(({ origin }) => !taken.has(origin)).map(({ line }) => line);
}

/** Index of the first entry whose start `f.u0` is at or after `u` (entries sorted by it). */
function firstAtOrAfter(sorted: readonly { f: { u0: number } }[], u: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.f.u0 ?? Number.POSITIVE_INFINITY) < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Two labels of neighbouring small rooms can sit on one baseline close enough to read as one
 * line ("SALLE MÉCANIQUE SALLE D'EAU"): split where both halves are room names.
 */
function splitAdjacentNames(line: TextLine): TextLine[] {
  if (line.items.length < 2 || !isRoomName(line.items[0]?.str ?? '')) return [line];
  for (let k = 1; k < line.items.length; k++) {
    const left = groupTextLines(line.items.slice(0, k), { maxGapEm: 100 });
    const right = groupTextLines(line.items.slice(k), { maxGapEm: 100 });
    const l = left[0];
    const r = right[0];
    if (left.length === 1 && right.length === 1 && l && r && isRoomName(l.text) && isRoomName(r.text)) {
      return [l, ...splitAdjacentNames(r)];
    }
  }
  return [line];
}

const STEPS4: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
];

/** Chamfer (1, √2) distance of every cell to the nearest set cell of `grid`, in cells. */
function chamfer(grid: Uint8Array, W: number, H: number): Float32Array {
  const N = W * H;
  const dist = new Float32Array(N);
  const INF = 1e9;
  for (let i = 0; i < N; i++) dist[i] = grid[i] ? 0 : INF;
  const D2 = Math.SQRT2;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      let d = dist[i] ?? INF;
      if (d === 0) continue;
      if (x > 0) d = Math.min(d, (dist[i - 1] ?? INF) + 1);
      if (y > 0) {
        d = Math.min(d, (dist[i - W] ?? INF) + 1);
        if (x > 0) d = Math.min(d, (dist[i - W - 1] ?? INF) + D2);
        if (x < W - 1) d = Math.min(d, (dist[i - W + 1] ?? INF) + D2);
      }
      dist[i] = d;
    }
  }
  for (let y = H - 1; y >= 0; y--) {
    for (let x = W - 1; x >= 0; x--) {
      const i = y * W + x;
      let d = dist[i] ?? INF;
      if (d === 0) continue;
      if (x < W - 1) d = Math.min(d, (dist[i + 1] ?? INF) + 1);
      if (y < H - 1) {
        d = Math.min(d, (dist[i + W] ?? INF) + 1);
        if (x < W - 1) d = Math.min(d, (dist[i + W + 1] ?? INF) + D2);
        if (x > 0) d = Math.min(d, (dist[i + W - 1] ?? INF) + D2);
      }
      dist[i] = d;
    }
  }
  return dist;
}

/**
 * Clears the 8-connected components of `grid` whose bounding-box diagonal is under `minDiag`
 * cells, unless they hold a filled outline (`solid`): walls form a large network or are poché,
 * furniture and fixtures are small islands of lines.
 */
function keepLargeComponents(
  grid: Uint8Array,
  solid: Uint8Array,
  W: number,
  H: number,
  minDiag: number,
): void {
  const seen = new Uint8Array(grid.length);
  const stack: number[] = [];
  const members: number[] = [];
  for (let start = 0; start < grid.length; start++) {
    if (!grid[start] || seen[start]) continue;
    members.length = 0;
    stack.push(start);
    seen[start] = 1;
    let x0 = W;
    let y0 = H;
    let x1 = -1;
    let y1 = -1;
    while (stack.length > 0) {
      const c = stack.pop() ?? 0;
      members.push(c);
      const x = c % W;
      const y = (c - x) / W;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= H) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= W) continue;
          const n = ny * W + nx;
          if (grid[n] && !seen[n]) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
    }
    if (Math.hypot(x1 - x0, y1 - y0) < minDiag && !members.some((c) => solid[c]))
      for (const c of members) grid[c] = 0;
  }
}

/**
 * A fill in the paper's colour with no outline: a mask (a wipeout behind a room name or a tag).
 * It hides ink and draws none, so it is no wall, though it is a closed straight outline; taken
 * for one, a mask as wide as a narrow room walls its own name in.
 */
function isMask(sp: Subpath): boolean {
  if (!sp.filled || sp.stroked) return false;
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(sp.fillColor);
  return m?.slice(1).every((h) => Number.parseInt(h, 16) >= 0xf0) ?? false;
}

/**
 * Finds the region of each room label inside the walls.
 *
 * The sheet is rasterised (≈ 800 cells on the long side). Walls are straight solid strokes and
 * fills that belong to a large connected network (see step 1); door leaves are not walls. The
 * openings are closed first (`findDoorSwings`, `findOpeningClosures`: hinge to latch of each door
 * swing, headers drawn across cased openings, facing jambs of two-faced walls), so that most rooms
 * are enclosed regions. A distance-to-wall map then drives a marker watershed: every label floods
 * outward together with an "outside" marker (sheet edge, excluded blocks, inside of the sheet
 * frame), widest passages first, so rooms still open to each other meet at their narrowest
 * passage. Space farther than a door half-width from the walls is all equally "open": there the
 * nearest label wins, so an open area shared by several labels splits between them. Pockets no
 * marker reached (behind a counter, inside furniture) go to the room they are cut from (step 5b).
 * Area = cells × cell² × (metres/point)².
 */
export function buildRoomMap(args: {
  labels: readonly RoomLabel[];
  subpaths: readonly Subpath[];
  pageSize: { widthPt: number; heightPt: number };
  /** Boxes of detected symbols: their strokes are not walls. */
  ignore: readonly BBox[];
  /** Non-drawing blocks (legend, title block, schedules): reaching them means "outside". */
  outside: readonly BBox[];
  /** Sheet border frames: the space just inside them is outside the building. */
  sheetFrames?: readonly BBox[];
  /** Half the width of a door opening, in points: passages narrower than twice this separate rooms. */
  doorHalfWidthPt: number;
  metresPerPoint: number | null;
}): RoomMap {
  const { labels, pageSize } = args;
  const cell = Math.max(0.75, Math.max(pageSize.widthPt, pageSize.heightPt) / 800);
  const W = Math.ceil(pageSize.widthPt / cell) + 2;
  const H = Math.ceil(pageSize.heightPt / cell) + 2;
  const N = W * H;
  const toCell = (x: number, y: number) => {
    const gx = Math.min(W - 1, Math.max(0, Math.floor(x / cell) + 1));
    const gy = Math.min(H - 1, Math.max(0, Math.floor(y / cell) + 1));
    return gy * W + gx;
  };
  const empty: RoomMap = {
    rooms: labels.map((label) => ({ name: label.name, label, areaM2: null, bbox: null })),
    roomAt: () => -1,
  };
  if (labels.length === 0) return empty;

  // 1. Walls: straight, solid strokes and fills. Curves (door swings, wiring arcs) and dashed
  // lines (wiring, overhead) are not walls; neither are outlines that enclose a room label (an
  // island, a bed, a parked car drawn around the name). Pieces not connected to a large
  // network (furniture, fixtures standing free in a room) are dropped after rasterising.
  // An outline around exactly one label and no bigger than a large piece of furniture (12 m² at
  // the sheet's scale, else 400 label heights²) is furniture; around several labels it is the
  // building's outline.
  const mpp0 = args.metresPerPoint;
  const isFurnitureAroundLabel = (sp: Subpath): boolean => {
    // The box test first (with a point of slack): on a dense sheet most outlines hold no label.
    const [bx0, by0, bx1, by1] = sp.bbox;
    const inside = labels.filter(
      (l) =>
        l.x >= bx0 - 1 &&
        l.x <= bx1 + 1 &&
        l.y >= by0 - 1 &&
        l.y <= by1 + 1 &&
        pointInPolygon(sp.points, l.x, l.y),
    );
    const first = inside[0];
    if (inside.length !== 1 || !first) return false;
    const area = (sp.bbox[2] - sp.bbox[0]) * (sp.bbox[3] - sp.bbox[1]);
    return mpp0 !== null ? area * mpp0 * mpp0 < 12 : area < 400 * first.fontSize * first.fontSize;
  };
  const wall = new Uint8Array(N);
  // Filled straight outlines (poché walls) are walls whatever their size.
  const solid = new Uint8Array(N);
  const drawLine = (ax: number, ay: number, bx: number, by: number, into: Uint8Array, filled = false) => {
    const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / (cell / 2)));
    for (let k = 0; k <= steps; k++) {
      const t = k / steps;
      const c = toCell(ax + t * (bx - ax), ay + t * (by - ay));
      into[c] = 1;
      if (filled) solid[c] = 1;
    }
  };
  const wallPaths: Subpath[] = [];
  const dashedPaths: Subpath[] = [];
  const curvedPaths: Subpath[] = [];
  const straightPaths: Subpath[] = [];
  // Symbol boxes by cell (each padded by the 1 pt of slack): a dense sheet has 10⁵ subpaths and
  // 10³ symbols, and testing every pair took seconds.
  const ignored = new BoxGrid<BBox>(32);
  for (const b of args.ignore) ignored.insert([b[0] - 1, b[1] - 1, b[2] + 1, b[3] + 1], b);
  for (const sp of args.subpaths) {
    if (isMask(sp)) continue;
    if (ignored.some(sp.bbox, (b) => bboxContains(b, sp.bbox, 1))) continue;
    if (sp.dashed) {
      if (!sp.curved) dashedPaths.push(sp);
    } else if (sp.curved) curvedPaths.push(sp);
    else straightPaths.push(sp);
  }
  // Door swings: their leaves are not walls; the line from hinge to latch closes the door.
  const doorWidthPt = 2 * args.doorHalfWidthPt;
  const doors = findDoorSwings({
    curved: curvedPaths,
    straight: straightPaths,
    minRadius: 0.25 * doorWidthPt,
    maxRadius: 1.1 * doorWidthPt,
    tolerancePt: cell,
  });
  const leaves = new Set(doors.flatMap((d) => d.leaves));
  // Some CAD styles draw every room as its own closed outline around its name: such an outline
  // lies along its neighbours' outlines or the walls for much of its perimeter, where furniture
  // around a name (an island, a car, a bed against one wall) stands free on most sides. An
  // outline with two sides or more along other ink (a corner room: the exterior wall and a
  // neighbour) is a room boundary whatever its size (a 3 m² WC drawn this way).
  const aroundLabel = straightPaths.filter(
    (sp) => !leaves.has(sp) && sp.closed && isFurnitureAroundLabel(sp),
  );
  const furniture = new Set<Subpath>();
  if (aroundLabel.length > 0) {
    const candidateIndex = new Map(aroundLabel.map((sp, j) => [sp, j]));
    // Cells of the other ink, and of the outlines: the first outline through a cell, and whether
    // a second one passes there too.
    const otherInk = new Uint8Array(N);
    const outlineAt = new Int32Array(N).fill(-1);
    const severalOutlines = new Uint8Array(N);
    for (const sp of straightPaths) {
      if (leaves.has(sp)) continue;
      const p = sp.points;
      const stamp = new Set<number>();
      for (let i = 2; i < p.length; i += 2) {
        const ax = p[i - 2] ?? 0;
        const ay = p[i - 1] ?? 0;
        const bx = p[i] ?? 0;
        const by = p[i + 1] ?? 0;
        const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / (cell / 2)));
        for (let k = 0; k <= steps; k++)
          stamp.add(toCell(ax + ((bx - ax) * k) / steps, ay + ((by - ay) * k) / steps));
      }
      const j = candidateIndex.get(sp);
      for (const c of stamp) {
        if (j === undefined) otherInk[c] = 1;
        else if (outlineAt[c] === -1) outlineAt[c] = j;
        else if (outlineAt[c] !== j) severalOutlines[c] = 1;
      }
    }
    const sharedAt = (c: number, own: number): boolean => {
      const x = c % W;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if (x + dx < 0 || x + dx >= W) continue;
          const n = c + dy * W + dx;
          if (n < 0 || n >= N) continue;
          const o = outlineAt[n] ?? -1;
          if (otherInk[n] || severalOutlines[n] || (o >= 0 && o !== own)) return true;
        }
      }
      return false;
    };
    aroundLabel.forEach((sp, j) => {
      const p = sp.points;
      // Sides lying along other ink, judged on their middle 70 % (the corners touch whatever
      // the outline meets).
      let sharedSides = 0;
      for (let i = 2; i < p.length; i += 2) {
        const ax = p[i - 2] ?? 0;
        const ay = p[i - 1] ?? 0;
        const bx = p[i] ?? 0;
        const by = p[i + 1] ?? 0;
        const steps = Math.ceil(Math.hypot(bx - ax, by - ay) / cell);
        if (steps < 3) continue;
        let shared = 0;
        let total = 0;
        for (let k = 0; k <= steps; k++) {
          const t = 0.15 + (0.7 * k) / steps;
          total++;
          if (sharedAt(toCell(ax + (bx - ax) * t, ay + (by - ay) * t), j)) shared++;
        }
        if (shared >= 0.7 * total) sharedSides++;
      }
      if (sharedSides < 2) furniture.add(sp);
    });
  }
  for (const sp of straightPaths) {
    if (leaves.has(sp)) continue;
    if (furniture.has(sp)) continue;
    wallPaths.push(sp);
    const p = sp.points;
    for (let i = 2; i < p.length; i += 2) {
      drawLine(p[i - 2] ?? 0, p[i - 1] ?? 0, p[i] ?? 0, p[i + 1] ?? 0, wall, sp.filled && sp.closed);
    }
  }

  // 1b. Openings (doors, cased openings) are closed by lines across them, so that every room is
  // an enclosed region and no room floods its neighbour or the yard through a door.
  const isWall = (x: number, y: number) => wall[toCell(x, y)] === 1;
  const nearWall = (x: number, y: number) =>
    isWall(x, y) || isWall(x + cell, y) || isWall(x - cell, y) || isWall(x, y + cell) || isWall(x, y - cell);
  const virtualWall = new Uint8Array(N);
  for (const d of doors) {
    // A swing hinged on a wall; without a leaf, the end that rests on a wall is the latch.
    if (!nearWall(d.cx, d.cy)) continue;
    let latch = d.latch;
    if (latch === null) {
      const onWall = d.ends.map(([x, y]) => nearWall(x, y));
      if (onWall[0] === onWall[1]) continue;
      latch = onWall[0] ? 0 : 1;
    }
    const [lx, ly] = d.ends[latch];
    drawLine(d.cx, d.cy, lx, ly, virtualWall);
  }
  for (let c = 0; c < N; c++) if (virtualWall[c]) wall[c] = 1;
  // Closed doors join the wall pieces between them to the network before small pieces go.
  keepLargeComponents(wall, solid, W, H, 0.07 * Math.hypot(W, H));
  const closures = findOpeningClosures({
    walls: wallPaths,
    dashed: dashedPaths,
    isWall,
    // Openings up to a door's width: wider ones are left to the watershed.
    maxGapPt: doorWidthPt,
    // Walls up to ≈ 0.5 m thick (0.4 of a 1.2 m door).
    maxWallPt: 0.4 * doorWidthPt,
    tolerancePt: cell,
  });
  for (const cl of closures) drawLine(cl.x0, cl.y0, cl.x1, cl.y1, virtualWall);
  for (let c = 0; c < N; c++) if (virtualWall[c]) wall[c] = 1;

  // 2. Distance to the nearest wall, in cells.
  const dist = chamfer(wall, W, H);

  /**
   * A label's marker: the cell farthest from walls among those reachable from the label without
   * crossing ink within ~2.5 label heights (labels sit in the open part of their room; starting
   * on a tight spot would let a neighbour flood in first).
   */
  const clearestCellNear = (label: RoomLabel): number => {
    const start = toCell(label.x, label.y);
    const r = Math.max(2, Math.ceil((2.5 * label.fontSize) / cell));
    const sx = start % W;
    const sy = Math.floor(start / W);
    const seen = new Set<number>([start]);
    const queue = [start];
    let best = start;
    let bestD = wall[start] ? -1 : (dist[start] ?? 0);
    const visit = (nx: number, ny: number) => {
      if (nx < 0 || ny < 0 || nx >= W || ny >= H) return;
      if (Math.abs(nx - sx) > r || Math.abs(ny - sy) > r) return;
      const n = ny * W + nx;
      if (seen.has(n) || wall[n]) return;
      seen.add(n);
      queue.push(n);
      if ((dist[n] ?? 0) > bestD && owner[n] === -1) {
        bestD = dist[n] ?? 0;
        best = n;
      }
    };
    for (let k = 0; k < queue.length; k++) {
      const c = queue[k] ?? 0;
      const x = c % W;
      const y = (c - x) / W;
      visit(x - 1, y);
      visit(x + 1, y);
      visit(x, y - 1);
      visit(x, y + 1);
    }
    return best;
  };

  // 3. Markers: one per label (its clearest nearby cell if it sits on ink), and "outside" on
  // the sheet edge, in excluded blocks and just inside large frames (the sheet border).
  const OUTSIDE = -2;
  const owner = new Int32Array(N).fill(-1);
  // Passages wider than a door are "open": beyond `cap` cells from the walls, every cell has the
  // same priority and first come (nearest label, geodesically) is first served.
  const capCells = Math.max(2, args.doorHalfWidthPt / cell);
  const levels = Math.ceil(capCells * 2) + 1;
  // One FIFO queue per level, as linked lists through the cells (each cell is queued once, when
  // claimed): no array growth on sheets of half a million cells.
  const qHead = new Int32Array(levels).fill(-1);
  const qTail = new Int32Array(levels).fill(-1);
  const qNext = new Int32Array(N).fill(-1);
  let current = levels - 1;
  const claim = (c: number, who: number, top = false) => {
    if (owner[c] !== -1 || wall[c]) return;
    owner[c] = who;
    const d = dist[c] ?? 0;
    const level = top ? current : Math.min(current, Math.floor(Math.min(d, capCells) * 2));
    const tail = qTail[level] ?? -1;
    if (tail < 0) qHead[level] = c;
    else qNext[tail] = c;
    qTail[level] = c;
  };
  // Each label starts as a small disc (≈ 3 label heights, not crossing walls), not a point: a
  // label squeezed between furniture must not be starved by a neighbour flooding the room.
  const discQueue: number[] = [];
  const discDepth = new Map<number, number>();
  const seedOf: number[] = labels.map(() => -1);
  labels.forEach((label, li) => {
    const seed = clearestCellNear(label);
    seedOf[li] = seed;
    if (owner[seed] !== -1 || wall[seed]) return;
    claim(seed, li, true);
    discQueue.push(seed);
    discDepth.set(seed, 0);
  });
  const discRadius = (li: number) => Math.max(2, Math.ceil((3 * (labels[li]?.fontSize ?? 8)) / cell));
  for (let k = 0; k < discQueue.length; k++) {
    const c = discQueue[k] ?? 0;
    const who = owner[c] ?? -1;
    const depth = discDepth.get(c) ?? 0;
    if (depth >= discRadius(who)) continue;
    const x = c % W;
    const grow = (n: number) => {
      if (n < 0 || n >= N || owner[n] !== -1 || wall[n]) return;
      claim(n, who, true);
      discQueue.push(n);
      discDepth.set(n, depth + 1);
    };
    if (x > 0) grow(c - 1);
    if (x < W - 1) grow(c + 1);
    grow(c - W);
    grow(c + W);
  }
  const claimBox = (b: BBox, inset: number) => {
    const c0 = toCell(b[0] + inset, b[1] + inset);
    const c1 = toCell(b[2] - inset, b[3] - inset);
    for (let y = Math.floor(c0 / W); y <= Math.floor(c1 / W); y++) {
      for (let x = c0 % W; x <= c1 % W; x++) claim(y * W + x, OUTSIDE, true);
    }
  };
  // Outside markers start at the top level like the labels: a room must not flood the yard
  // through its front door before "outside" gets there.
  for (let x = 0; x < W; x++) {
    claim(x, OUTSIDE, true);
    claim((H - 1) * W + x, OUTSIDE, true);
  }
  for (let y = 0; y < H; y++) {
    claim(y * W, OUTSIDE, true);
    claim(y * W + W - 1, OUTSIDE, true);
  }
  for (const b of args.outside) claimBox(b, 0);
  for (const f of args.sheetFrames ?? []) {
    // A ring two cells inside the frame's edges.
    const i = 2 * cell;
    claimBox([f[0] + i, f[1] + i, f[2] - i, f[1] + i + cell], 0);
    claimBox([f[0] + i, f[3] - i - cell, f[2] - i, f[3] - i], 0);
    claimBox([f[0] + i, f[1] + i, f[0] + i + cell, f[3] - i], 0);
    claimBox([f[2] - i - cell, f[1] + i, f[2] - i, f[3] - i], 0);
  }

  const seededOutside = new Uint8Array(N);
  for (let c = 0; c < N; c++) if (owner[c] === OUTSIDE) seededOutside[c] = 1;

  // 4. Watershed: flood from all markers at once, widest passages first, so neighbouring
  // rooms meet at their doors and open areas split between their labels.
  for (; current >= 0; current--) {
    // Cells claimed at this level while it is processed join its tail and are visited too.
    for (let c = qHead[current] ?? -1; c >= 0; c = qNext[c] ?? -1) {
      const who = owner[c] ?? -1;
      const x = c % W;
      if (x > 0) claim(c - 1, who);
      if (x < W - 1) claim(c + 1, who);
      if (c >= W) claim(c - W, who);
      if (c + W < N) claim(c + W, who);
    }
  }

  // 5. A room that flooded out through an exterior door (its region reaches the sheet's
  // margin) gives back what lies beyond its narrowest passage: from its label, widest passages
  // first, the level at which the margin is reached is the door; the room is what was reached
  // above that level, grown back to its walls by that distance.
  // The margin: seeded outside cells and free cells within 4 cells of them.
  const nearMargin = new Uint8Array(N);
  let ring: number[] = [];
  for (let c = 0; c < N; c++) {
    if (seededOutside[c]) {
      nearMargin[c] = 1;
      ring.push(c);
    }
  }
  for (let step = 0; step < 4; step++) {
    const next: number[] = [];
    for (const c of ring) {
      const x = c % W;
      const mark = (n: number) => {
        if (n < 0 || n >= N || nearMargin[n] || wall[n]) return;
        nearMargin[n] = 1;
        next.push(n);
      };
      if (x > 0) mark(c - 1);
      if (x < W - 1) mark(c + 1);
      mark(c - W);
      mark(c + W);
    }
    ring = next;
  }
  const touchesMargin = new Uint8Array(labels.length);
  for (let c = 0; c < N; c++) {
    const li = owner[c] ?? -1;
    if (li >= 0 && nearMargin[c]) touchesMargin[li] = 1;
  }
  labels.forEach((_, li) => {
    if (!touchesMargin[li]) return;
    trimLeak(li);
  });
  function trimLeak(li: number): void {
    const seed = seedOf[li] ?? -1;
    if (seed < 0 || owner[seed] !== li) return;
    let maxD = 0;
    for (let c = 0; c < N; c++) if (owner[c] === li && (dist[c] ?? 0) > maxD) maxD = dist[c] ?? 0;
    const maxLevel = Math.ceil(maxD * 2) + 1;
    const queue: number[][] = Array.from({ length: maxLevel + 1 }, () => []);
    const seen = new Uint8Array(N);
    const levelAt = new Float32Array(N);
    queue[maxLevel]?.push(seed);
    seen[seed] = 1;
    let leak = -1;
    let level = maxLevel;
    const reached: number[] = [];
    outer: for (let l = maxLevel; l >= 0; l--) {
      const bucket = queue[l] ?? [];
      for (let k = 0; k < bucket.length; k++) {
        const c = bucket[k] ?? 0;
        level = Math.min(level, l);
        const x = c % W;
        if (nearMargin[c]) {
          leak = level;
          break outer;
        }
        reached.push(c);
        levelAt[c] = level;
        const push = (n: number) => {
          if (n < 0 || n >= N || seen[n] || owner[n] !== li) return;
          seen[n] = 1;
          queue[Math.min(l, Math.floor((dist[n] ?? 0) * 2))]?.push(n);
        };
        if (x > 0) push(c - 1);
        if (x < W - 1) push(c + 1);
        push(c - W);
        push(c + W);
      }
    }
    if (leak < 0) return;
    // Core: reached above the door's level; keep it and what lies within the door's half-width.
    const keep = new Uint8Array(N);
    let frontier: number[] = [];
    for (const c of reached) {
      if ((levelAt[c] ?? 0) > leak) {
        keep[c] = 1;
        frontier.push(c);
      }
    }
    for (let step = 0; step < Math.ceil(leak / 2) && frontier.length > 0; step++) {
      const next: number[] = [];
      for (const c of frontier) {
        const x = c % W;
        const grow = (n: number) => {
          if (n < 0 || n >= N || keep[n] || owner[n] !== li) return;
          keep[n] = 1;
          next.push(n);
        };
        if (x > 0) grow(c - 1);
        if (x < W - 1) grow(c + 1);
        grow(c - W);
        grow(c + W);
      }
      frontier = next;
    }
    for (let c = 0; c < N; c++) if (owner[c] === li && !keep[c]) owner[c] = OUTSIDE;
  }

  // 5b. Pockets: free space no marker reached (behind a counter, inside furniture, between the
  // faces of a wall, between a wall and a dimension line, a closet without a label). A pocket
  // belongs to the room it is cut from: the room found across a single line (≤ 3 cells of ink,
  // not a closed opening) from most (≥ 60 %) of its edge. Pockets between rooms, or between a room and the yard, stay
  // unassigned; a pocket reached only from other pockets too.
  // The pockets (connected free space no marker reached) do not change as some of them find
  // their room: find them once. Slivers are pockets no wider than a wall (between the two faces
  // of a wall, between a wall and a dimension line): they may belong to a room, but never vouch
  // for another pocket — crossing one is crossing a wall.
  const sliverHalfWidth = (0.18 * doorWidthPt) / cell;
  const sliver = new Uint8Array(N);
  let pending: number[][] = [];
  {
    const seen = new Uint8Array(N);
    for (let start = 0; start < N; start++) {
      if (owner[start] !== -1 || wall[start] || seen[start]) continue;
      const members = [start];
      seen[start] = 1;
      let widest = 0;
      for (let k = 0; k < members.length; k++) {
        const c = members[k] ?? 0;
        widest = Math.max(widest, dist[c] ?? 0);
        const x = c % W;
        const visit = (n: number) => {
          if (owner[n] !== -1 || wall[n] || seen[n]) return;
          seen[n] = 1;
          members.push(n);
        };
        if (x > 0) visit(c - 1);
        if (x < W - 1) visit(c + 1);
        if (c >= W) visit(c - W);
        if (c + W < N) visit(c + W);
      }
      if (widest <= sliverHalfWidth) for (const c of members) sliver[c] = 1;
      pending.push(members);
    }
  }
  // Assigning a pocket can give its neighbours their room (a fridge beside a counter): repeat
  // until nothing changes.
  for (let pass = 0, changed = true; changed && pass < 6; pass++) {
    changed = false;
    const next: number[][] = [];
    for (const members of pending) {
      const votes = new Map<number, number>();
      for (const c of members) {
        const x = c % W;
        const y = (c - x) / W;
        for (const [dx, dy] of STEPS4) {
          for (let step = 1; step <= 4; step++) {
            const nx = x + dx * step;
            const ny = y + dy * step;
            if (nx < 0 || ny < 0 || nx >= W || ny >= H) break;
            const n = ny * W + nx;
            // A closed door separates: what lies beyond it is another room, or the yard.
            if (virtualWall[n]) break;
            if (wall[n]) continue;
            const o = owner[n] ?? -1;
            if (step > 1 && !sliver[n] && (o >= 0 || o === OUTSIDE)) votes.set(o, (votes.get(o) ?? 0) + 1);
            break;
          }
        }
      }
      let total = 0;
      for (const v of votes.values()) total += v;
      let room = -1;
      for (const [o, v] of votes) if (o >= 0 && v >= 0.6 * total) room = o;
      if (room >= 0) {
        for (const c of members) owner[c] = room;
        changed = true;
      } else next.push(members);
    }
    pending = next;
  }

  // 6. Areas and boxes.
  const counts = new Array<number>(labels.length).fill(0);
  const boxes = labels.map(() => [W, H, -1, -1]);
  for (let c = 0; c < N; c++) {
    const li = owner[c] ?? -1;
    if (li < 0) continue;
    counts[li] = (counts[li] ?? 0) + 1;
    const b = boxes[li];
    if (!b) continue;
    const x = c % W;
    const y = Math.floor(c / W);
    b[0] = Math.min(b[0] ?? x, x);
    b[1] = Math.min(b[1] ?? y, y);
    b[2] = Math.max(b[2] ?? x, x);
    b[3] = Math.max(b[3] ?? y, y);
  }
  // Furniture inside a room is not floor taken away: add the holes (cells of the room's box that
  // the outside of the box cannot reach without crossing the room).
  for (let li = 0; li < labels.length; li++) {
    const b = boxes[li];
    if (!b || (counts[li] ?? 0) === 0) continue;
    const [bx0 = 0, by0 = 0, bx1 = 0, by1 = 0] = b;
    const bw = bx1 - bx0 + 1;
    const bh = by1 - by0 + 1;
    const reached = new Uint8Array(bw * bh);
    const stack: number[] = [];
    const visit = (x: number, y: number) => {
      const k = (y - by0) * bw + (x - bx0);
      if (reached[k] || owner[y * W + x] === li) return;
      reached[k] = 1;
      stack.push(x, y);
    };
    for (let x = bx0; x <= bx1; x++) {
      visit(x, by0);
      visit(x, by1);
    }
    for (let y = by0; y <= by1; y++) {
      visit(bx0, y);
      visit(bx1, y);
    }
    while (stack.length > 0) {
      const y = stack.pop() ?? 0;
      const x = stack.pop() ?? 0;
      if (x > bx0) visit(x - 1, y);
      if (x < bx1) visit(x + 1, y);
      if (y > by0) visit(x, y - 1);
      if (y < by1) visit(x, y + 1);
    }
    // Holes (furniture and what it encloses) belong to the room, for area and for symbols
    // drawn on them (a fixture over an island).
    let holes = 0;
    for (let y = by0; y <= by1; y++) {
      for (let x = bx0; x <= bx1; x++) {
        const c = y * W + x;
        if (owner[c] === -1 && !reached[(y - by0) * bw + (x - bx0)]) {
          owner[c] = li;
          holes++;
        }
      }
    }
    counts[li] = (counts[li] ?? 0) + holes;
  }

  const mpp = args.metresPerPoint;
  const rooms: RoomRegion[] = labels.map((label, li) => {
    const b = boxes[li];
    const n = counts[li] ?? 0;
    const bbox: BBox | null =
      b && n > 0
        ? [
            ((b[0] ?? 0) - 1) * cell,
            ((b[1] ?? 0) - 1) * cell,
            ((b[2] ?? 0) + 0) * cell,
            ((b[3] ?? 0) + 0) * cell,
          ]
        : null;
    const areaM2 = mpp !== null && n > 0 ? Math.round(n * cell * cell * mpp * mpp * 100) / 100 : null;
    return { name: label.name, label, areaM2, bbox };
  });

  return {
    rooms,
    roomAt(x: number, y: number, searchRadius = 0, box?: BBox): number {
      const atCentre = owner[toCell(x, y)] ?? -1;
      if (atCentre >= 0) return atCentre;
      if (atCentre === OUTSIDE) return -1;
      // In a pocket no room claims (between a wall and a dimension line, inside a wall): only
      // the box can tell; the nearest room is no evidence. On a drawn line, it is.
      const inPocket = !wall[toCell(x, y)];
      if (box) {
        // A wall-mounted device straddles the wall: the side holding most of its box wins
        // (outside counts as a side). Free space no room claims counts as well, against the
        // rooms, when it holds most of the box by far (a device outside, over a dimension line).
        const votes = new Map<number, number>();
        let unclaimed = 0;
        for (let i = 0; i <= 4; i++) {
          for (let j = 0; j <= 4; j++) {
            const c = toCell(box[0] + ((box[2] - box[0]) * i) / 4, box[1] + ((box[3] - box[1]) * j) / 4);
            const o = owner[c] ?? -1;
            if (o >= 0 || o === OUTSIDE) votes.set(o, (votes.get(o) ?? 0) + 1);
            else if (!wall[c]) unclaimed++;
          }
        }
        let best = -1;
        let bestVotes = 0;
        for (const [o, v] of votes) {
          if (v > bestVotes) {
            best = o;
            bestVotes = v;
          }
        }
        if (unclaimed > 2 * bestVotes) return -1;
        if (best === OUTSIDE) return -1;
        if (best >= 0) return best;
      }
      if (inPocket) return -1;
      // On a drawn line (a wall face, a furniture edge): the nearest room cell decides.
      const c = toCell(x, y);
      const r = Math.ceil(searchRadius / cell);
      const cx = c % W;
      const cy = (c - cx) / W;
      let best = -1;
      let bestD = Number.POSITIVE_INFINITY;
      for (let dy = -r; dy <= r; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          const gx = cx + dx;
          const gy = cy + dy;
          if (gx < 0 || gy < 0 || gx >= W || gy >= H) continue;
          const o = owner[gy * W + gx] ?? -1;
          const d = dx * dx + dy * dy;
          if (o >= 0 && d < bestD) {
            bestD = d;
            best = o;
          }
        }
      }
      return best;
    },
  };
}

/** Even-odd point-in-polygon test on a flattened subpath (x0 y0 x1 y1 …). */
export function pointInPolygon(points: readonly number[], x: number, y: number): boolean {
  let inside = false;
  const n = points.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = points[2 * i] ?? 0;
    const yi = points[2 * i + 1] ?? 0;
    const xj = points[2 * j] ?? 0;
    const yj = points[2 * j + 1] ?? 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInAny(boxes: readonly BBox[], x: number, y: number): boolean {
  return boxes.some((b) => bboxContainsPoint(b, x, y));
}
