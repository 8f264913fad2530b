import { degrees, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { Rng } from './rng.ts';
import type { PanelTruth } from './schedule.ts';
import type { PlanTruth, TruthPage } from './truth.ts';

/**
 * IEC single-line-diagram sheets of distribution boards (South African / European practice):
 * each board is a title and its ratings, an incomer with its main switch, a busbar, one drop per
 * outgoing way with its breaker, and under the drops the circuit table printed **transposed**:
 * the row names in a column at the left ("CIRCUIT NO", "DESCRIPTION", "BREAKER", "CABLE SIZE",
 * sometimes "RCD", "PHASE"), one column per way. Several boards per sheet, 6–24 ways, single- and
 * three-phase. Text is either in the text layer (Helvetica) or drawn as single strokes like
 * AutoCAD SHX text (no text layer: the analysis must OCR it).
 *
 * Truth: per board its name, voltage, phases and main switch rating as printed, and per way with a
 * description or a breaker its number (printed, or the way's order when the row prints phases),
 * description, amps and poles (null unless printed: "3P 32A" → 3). Empty ways are positions, not
 * circuits.
 */

export type SldTextMode = 'text' | 'stroked';

export interface SldBoardSpec {
  readonly name: string;
  readonly phases: 1 | 3;
  readonly voltage: string;
  readonly mainA: number;
  /** Header lines under the title, as printed. */
  readonly header: readonly string[];
  readonly labels: Readonly<Record<SldRow, string>>;
  readonly rows: readonly SldRow[];
  readonly numbering: 'digits' | 'phases' | 'c-prefix';
  readonly ways: readonly SldWay[];
}

export type SldRow = 'number' | 'description' | 'breaker' | 'cable' | 'rcd' | 'phase';

export interface SldWay {
  readonly description: string | null;
  readonly amps: number | null;
  readonly poles: number | null;
  /** Breaker cell as printed ("20A", "C20", "MCB 20A", "3P 32A"). */
  readonly breaker: string | null;
  readonly cable: string | null;
  readonly rcd: string | null;
}

export interface SldSheetSpec {
  readonly name: string;
  readonly seed: number;
  readonly paper: 'a3' | 'a1';
  readonly text: SldTextMode;
  readonly boards: readonly SldBoardSpec[];
}

const PAPER: Record<SldSheetSpec['paper'], [number, number]> = {
  a3: [1190.55, 841.89],
  a1: [2383.94, 1683.78],
};

const LABEL_WORDINGS: readonly Record<SldRow, string>[] = [
  {
    number: 'CIRCUIT NO',
    description: 'DESCRIPTION',
    breaker: 'BREAKER',
    cable: 'CABLE SIZE',
    rcd: 'RCD',
    phase: 'PHASE',
  },
  { number: 'CCT', description: 'LOAD', breaker: 'MCB RATING', cable: 'CABLE', rcd: 'ELCB', phase: 'PH' },
  {
    number: 'CIRCUIT NO.',
    description: 'CIRCUIT DESCRIPTION',
    breaker: 'CB SIZE',
    cable: 'CABLE SIZE',
    rcd: 'RCD',
    phase: 'PHASE',
  },
];

const LOADS_1PH = [
  'LIGHTS',
  'PLUGS',
  'GEYSER',
  'STOVE',
  'AIRCON',
  'GATE MOTOR',
  'LIGHTS OFFICE',
  'PLUGS OFFICE',
  'KITCHEN PLUGS',
  'EXTRACTOR FAN',
  'OUTSIDE LIGHTS',
  'UPS PLUGS',
  'DB-CA',
  'BOREHOLE PUMP',
  'HAND DRYER',
  'SIGNAGE',
];
const LOADS_3PH = ['HEAT PUMP', 'LIFT', 'CHILLER', 'SUB DB', 'KITCHEN 3PH'];
const BOARD_NAMES = [
  'DB-GF MAIN',
  'MAIN DB',
  'DB-FF',
  'DB-1',
  'DB-2',
  'DB-KITCHEN',
  'DB-SUITE 3',
  'DB-CA',
  'DB-PLANT',
];

/** A board from the seed: `ways` outgoing ways, `phases` 1 or 3. */
function boardSpec(rng: Rng, name: string, ways: number, phases: 1 | 3): SldBoardSpec {
  const mainA = rng.pick(phases === 3 ? [63, 80, 100, 125, 160] : [40, 60, 63, 80]);
  const kA = rng.pick([6, 10, 15]);
  const voltage = phases === 3 ? rng.pick(['400 V', '400/230 V']) : '230 V';
  const supply = phases === 3 ? `${voltage.replace(' ', '')} AC 3PH+N+E` : '230V AC 1PH+N+E';
  const header = rng.pick([
    [supply, `MAIN SWITCH ${mainA}A`, `${kA}kA`, `${ways} WAYS`],
    [`${supply}  ${mainA}A  ${kA}kA`, `${ways} WAYS`],
    [`Q1 ${mainA}A`, supply, `${kA}kA FAULT LEVEL`],
    [supply, `ISOLATOR ${mainA}A`],
  ]);
  const labels = rng.pick(LABEL_WORDINGS);
  const rows: SldRow[] = ['number', 'description', 'breaker', 'cable'];
  if (rng.chance(0.4)) rows.push('rcd');
  if (phases === 3 && rng.chance(0.3)) rows.push('phase');
  const breakerStyle = rng.pick(['amps', 'curve', 'mcb'] as const);
  const list: SldWay[] = [];
  for (let i = 0; i < ways; i++) {
    const roll = rng.next();
    if (i >= ways - 2 && roll < 0.5) {
      // The last ways are often spare (a breaker fitted) or empty (no breaker).
      const spare = rng.chance(0.5);
      list.push({
        description: spare ? 'SPARE' : null,
        amps: spare ? 20 : null,
        poles: null,
        breaker: spare ? printBreaker(breakerStyle, 20, null) : null,
        cable: null,
        rcd: null,
      });
      continue;
    }
    const threePole = phases === 3 && rng.chance(0.2);
    const amps = threePole ? rng.pick([20, 32, 40, 63]) : rng.pick([10, 16, 20, 20, 32]);
    const poles = threePole ? 3 : null;
    list.push({
      description: threePole ? rng.pick(LOADS_3PH) : rng.pick(LOADS_1PH),
      amps,
      poles,
      breaker: printBreaker(breakerStyle, amps, poles),
      cable: `${amps <= 10 ? '1.5' : amps <= 20 ? '2.5' : amps <= 32 ? '4' : '10'}mm²`,
      rcd: rng.chance(0.5) ? '30mA' : null,
    });
  }
  const numbering =
    phases === 3 && !rows.includes('phase') && rng.chance(0.35)
      ? 'phases'
      : rng.pick(['digits', 'digits', 'c-prefix'] as const);
  return { name, phases, voltage, mainA, header, labels, rows, numbering, ways: list };
}

function printBreaker(style: 'amps' | 'curve' | 'mcb', amps: number, poles: number | null): string {
  const rating = style === 'curve' ? `C${amps}` : style === 'mcb' ? `MCB ${amps}A` : `${amps}A`;
  return poles === 3 ? `${style === 'curve' ? 'TP' : '3P'} ${rating}` : rating;
}

/** The SLD sheets of the corpus: names `plan-6N-sld-…` (the other corpus sheets are plan-01…32). */
export function sldSheetSpecs(): SldSheetSpec[] {
  const make = (
    name: string,
    seed: number,
    paper: SldSheetSpec['paper'],
    text: SldTextMode,
    boards: [number, 1 | 3][],
  ) => {
    const rng = new Rng(seed);
    const names = rng.shuffle(BOARD_NAMES);
    return {
      name,
      seed,
      paper,
      text,
      boards: boards.map(([ways, phases], i) =>
        boardSpec(rng.fork(`board-${i}`), names[i] ?? `DB-${i + 1}`, ways, phases),
      ),
    };
  };
  return [
    make('plan-61-sld-boards-a3-en', 6101, 'a3', 'text', [
      [12, 3],
      [8, 1],
      [6, 1],
    ]),
    make('plan-62-sld-boards-a1-en', 6202, 'a1', 'text', [
      [24, 3],
      [17, 3],
      [10, 1],
      [14, 1],
    ]),
    make('plan-63-sld-stroked-a3-en', 6303, 'a3', 'stroked', [
      [10, 3],
      [7, 1],
    ]),
  ];
}

/** One sheet: PDF bytes and truth. */
export async function generateSldSheet(
  spec: SldSheetSpec,
): Promise<{ name: string; pdf: Uint8Array; truth: PlanTruth }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreator('SAEQ plan corpus generator (scripts/plans)');
  doc.setProducer('pdf-lib');
  const fixed = new Date('2026-01-15T12:00:00Z');
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  const [W, H] = PAPER[spec.paper];
  const page = doc.addPage([W, H]);
  // The stroked sheet has no font at all, as an SHX export.
  const fonts =
    spec.text === 'text'
      ? {
          regular: await doc.embedFont(StandardFonts.Helvetica),
          bold: await doc.embedFont(StandardFonts.HelveticaBold),
        }
      : null;
  const pen = new Pen(page, fonts);
  const k = spec.paper === 'a1' ? 1.6 : 1;
  // Frame and title block.
  const m = 20 * k;
  pen.rect(m, m, W - 2 * m, H - 2 * m, 1);
  pen.rect(W - m - 200 * k, m, 200 * k, 60 * k, 0.6);
  pen.text('SINGLE LINE DIAGRAMS', W - m - 190 * k, m + 40 * k, 8 * k, { bold: true });
  pen.text('SCALE: N.T.S.', W - m - 190 * k, m + 24 * k, 6 * k);
  pen.text('DRG NO E-601', W - m - 190 * k, m + 10 * k, 6 * k);

  const panels: PanelTruth[] = [];
  let x = m + 30 * k;
  let top = H - m - 40 * k;
  let rowHeight = 0;
  for (const board of spec.boards) {
    const size = boardSize(board, k);
    if (x + size.w > W - m - 10 * k) {
      x = m + 30 * k;
      top -= rowHeight + 50 * k;
      rowHeight = 0;
    }
    drawBoard(pen, board, x, top, k);
    panels.push(boardTruth(board));
    x += size.w + 60 * k;
    rowHeight = Math.max(rowHeight, size.h);
  }
  const truthPage: TruthPage = {
    number: 1,
    widthPt: W,
    heightPt: H,
    rotation: 0,
    kind: 'schedule',
    scale: null,
    legend: [],
    rooms: [],
    symbols: [],
    panels,
  };
  const truth: PlanTruth = {
    name: spec.name,
    seed: spec.seed,
    language: 'en',
    summary: `IEC single-line diagrams, ${spec.boards.length} distribution boards with transposed circuit tables, ${spec.text === 'stroked' ? 'text drawn as strokes (SHX-like, no text layer)' : 'text layer'}`,
    expectedWarnings: spec.text === 'stroked' ? ['ocr_text'] : [],
    pages: [truthPage],
    counts: { byType: {}, byRoom: {}, bySheet: {} },
  };
  return { name: spec.name, pdf: await doc.save({ useObjectStreams: false }), truth };
}

function boardTruth(b: SldBoardSpec): PanelTruth {
  return {
    name: b.name,
    voltage: b.voltage,
    phases: b.phases,
    mainA: b.mainA,
    circuits: b.ways.flatMap((w, i) =>
      w.description === null && w.amps === null
        ? []
        : [
            {
              number: i + 1,
              description: w.description ?? '',
              amps: w.amps,
              poles: w.poles,
              ...(b.rows.includes('cable') ? { conductor: w.cable } : {}),
            },
          ],
    ),
  };
}

const LABEL_W = 78;

/** Way pitch: 24 pt, wider when a breaker or cable cell needs it (cells never run into the next way). */
function pitchOf(b: SldBoardSpec): number {
  const widest = Math.max(...b.ways.flatMap((w) => [w.breaker, w.cable, w.rcd].map((t) => (t ?? '').length)));
  return Math.max(24, widest * 3.1 + 6);
}
const ROW_H: Record<SldRow, number> = {
  number: 12,
  description: 66,
  breaker: 12,
  cable: 12,
  rcd: 12,
  phase: 12,
};

function boardSize(b: SldBoardSpec, k: number): { w: number; h: number } {
  const tableH = b.rows.reduce((s, r) => s + ROW_H[r], 0);
  return { w: (LABEL_W + pitchOf(b) * b.ways.length) * k, h: (tableH + 150) * k };
}

function drawBoard(pen: Pen, b: SldBoardSpec, x: number, top: number, k: number): void {
  const fs = 5 * k;
  // Header: title then ratings, left-aligned over the table.
  pen.text(b.name, x, top, 9 * k, { bold: true });
  b.header.forEach((line, i) => {
    pen.text(line, x, top - (12 + 8 * i) * k, 6 * k);
  });
  const tableX = x + LABEL_W * k;
  const n = b.ways.length;
  const PITCH = pitchOf(b);
  // Incomer, main switch and busbar.
  const busY = top - 78 * k;
  const inX = tableX + (PITCH * n * k) / 2;
  pen.line(inX, top + 4 * k, inX, busY + 22 * k, 0.6);
  pen.rect(inX - 4 * k, busY + 8 * k, 8 * k, 14 * k, 0.6);
  pen.line(inX - 4 * k, busY + 8 * k, inX + 4 * k, busY + 22 * k, 0.6);
  pen.line(inX, busY + 8 * k, inX, busY, 0.6);
  pen.line(tableX + 6 * k, busY, tableX + PITCH * n * k - 6 * k, busY, 2);
  // Table rows, top to bottom.
  const tableTop = busY - 40 * k;
  const rowsTop: number[] = [];
  let y = tableTop;
  for (const r of b.rows) {
    rowsTop.push(y);
    y -= ROW_H[r] * k;
  }
  const tableBottom = y;
  const tableW = (LABEL_W + PITCH * n) * k;
  pen.rect(x, tableBottom, tableW, tableTop - tableBottom, 0.6);
  for (const yy of rowsTop.slice(1)) pen.line(x, yy, x + tableW, yy, 0.4);
  pen.line(tableX, tableBottom, tableX, tableTop, 0.4);
  b.rows.forEach((r, ri) => {
    const rowTop = rowsTop[ri] ?? tableTop;
    pen.text(b.labels[r], x + 3 * k, rowTop - (ROW_H[r] * k) / 2 - 0.35 * fs, fs);
  });
  b.ways.forEach((w, i) => {
    const cx = tableX + (PITCH * i + PITCH / 2) * k;
    const x0 = tableX + PITCH * i * k;
    if (i > 0) pen.line(x0, tableBottom, x0, tableTop, 0.4);
    // The drop and its breaker (none drawn on an empty way).
    if (w.breaker) {
      pen.line(cx, busY, cx, busY - 12 * k, 0.5);
      pen.rect(cx - 2.5 * k, busY - 24 * k, 5 * k, 12 * k, 0.5);
      pen.line(cx, busY - 24 * k, cx, tableTop, 0.5);
    }
    b.rows.forEach((r, ri) => {
      const rowTop = rowsTop[ri] ?? tableTop;
      const mid = rowTop - (ROW_H[r] * k) / 2;
      const cell = cellText(b, w, i, r);
      if (!cell) return;
      if (r === 'description') pen.textUp(cell, cx + 0.35 * fs, mid, fs);
      else pen.textCentred(cell, cx, mid - 0.35 * fs, fs);
    });
  });
}

function cellText(b: SldBoardSpec, w: SldWay, i: number, row: SldRow): string | null {
  switch (row) {
    case 'number':
      return b.numbering === 'phases'
        ? `L${(i % 3) + 1}`
        : b.numbering === 'c-prefix'
          ? `C${i + 1}`
          : `${i + 1}`;
    case 'description':
      return w.description;
    case 'breaker':
      return w.breaker;
    case 'cable':
      return w.cable;
    case 'rcd':
      return w.rcd;
    case 'phase':
      return w.poles === 3 ? 'L1-L3' : w.breaker ? `L${(i % 3) + 1}` : null;
  }
}

/**
 * Draws text either in the text layer or as single strokes (one path per stroke, as AutoCAD
 * exports SHX text), lines and rectangles.
 */
class Pen {
  /** Without fonts, text is drawn as strokes. */
  constructor(
    private readonly page: PDFPage,
    private readonly fonts: { regular: PDFFont; bold: PDFFont } | null,
  ) {}

  line(x0: number, y0: number, x1: number, y1: number, width: number): void {
    this.page.drawLine({
      start: { x: x0, y: y0 },
      end: { x: x1, y: y1 },
      thickness: width,
      color: rgb(0, 0, 0),
    });
  }

  rect(x: number, y: number, w: number, h: number, width: number): void {
    this.page.drawRectangle({ x, y, width: w, height: h, borderWidth: width, borderColor: rgb(0, 0, 0) });
  }

  width(text: string, size: number): number {
    return this.fonts ? this.fonts.regular.widthOfTextAtSize(text, size) : strokeWidth(text, size);
  }

  text(text: string, x: number, y: number, size: number, o: { bold?: boolean; angle?: number } = {}): void {
    const angle = o.angle ?? 0;
    if (this.fonts) {
      const font = o.bold ? this.fonts.bold : this.fonts.regular;
      this.page.drawText(text, { x, y, size, font, rotate: degrees(angle) });
      return;
    }
    for (const [x0, y0, x1, y1] of strokeSegments(text, size, angle))
      this.line(x + x0, y + y0, x + x1, y + y1, size * 0.07);
  }

  textCentred(text: string, cx: number, y: number, size: number): void {
    this.text(text, cx - this.width(text, size) / 2, y, size);
  }

  /** Text written upwards (baseline turned 90°), centred on `midY`. */
  textUp(text: string, x: number, midY: number, size: number): void {
    this.text(text, x, midY - this.width(text, size) / 2, size, { angle: 90 });
  }
}

/**
 * Single-stroke capitals, digits and signs on a 4 × 6 grid (cap height 6), polylines separated by
 * ";". Lower case is drawn with the capitals at 70 %. Characters without a glyph leave a space.
 */
const GLYPHS: Record<string, string> = {
  A: '0,0 2,6 4,0;1,3 3,3',
  B: '0,0 0,6 3,6 4,5 4,4 3,3 0,3;3,3 4,2 4,1 3,0 0,0',
  C: '4,5 3,6 1,6 0,5 0,1 1,0 3,0 4,1',
  D: '0,0 0,6 3,6 4,5 4,1 3,0 0,0',
  E: '4,6 0,6 0,0 4,0;0,3 3,3',
  F: '4,6 0,6 0,0;0,3 3,3',
  G: '4,5 3,6 1,6 0,5 0,1 1,0 3,0 4,1 4,3 2,3',
  H: '0,0 0,6;4,0 4,6;0,3 4,3',
  I: '1,6 3,6;2,6 2,0;1,0 3,0',
  J: '4,6 4,1 3,0 1,0 0,1',
  K: '0,0 0,6;4,6 0,2;1,3 4,0',
  L: '0,6 0,0 4,0',
  M: '0,0 0,6 2,3 4,6 4,0',
  N: '0,0 0,6 4,0 4,6',
  O: '1,0 0,1 0,5 1,6 3,6 4,5 4,1 3,0 1,0',
  P: '0,0 0,6 3,6 4,5 4,4 3,3 0,3',
  Q: '1,0 0,1 0,5 1,6 3,6 4,5 4,1 3,0 1,0;2,2 4,0',
  R: '0,0 0,6 3,6 4,5 4,4 3,3 0,3;2,3 4,0',
  S: '4,5 3,6 1,6 0,5 0,4 1,3 3,3 4,2 4,1 3,0 1,0 0,1',
  T: '0,6 4,6;2,6 2,0',
  U: '0,6 0,1 1,0 3,0 4,1 4,6',
  V: '0,6 2,0 4,6',
  W: '0,6 1,0 2,4 3,0 4,6',
  X: '0,0 4,6;0,6 4,0',
  Y: '0,6 2,3 4,6;2,3 2,0',
  Z: '0,6 4,6 0,0 4,0',
  '0': '1.5,0 0.5,1 0.5,5 1.5,6 2.5,6 3.5,5 3.5,1 2.5,0 1.5,0',
  '1': '1,5 2,6 2,0;1,0 3,0',
  '2': '0,5 1,6 3,6 4,5 4,4 0,0 4,0',
  '3': '0,5 1,6 3,6 4,5 4,4 3,3 1,3;3,3 4,2 4,1 3,0 1,0 0,1',
  '4': '3,0 3,6 0,2 4,2',
  '5': '4,6 0,6 0,3 3,3 4,2 4,1 3,0 0,0',
  '6': '4,5 3,6 1,6 0,5 0,1 1,0 3,0 4,1 4,2 3,3 0,3',
  '7': '0,6 4,6 1,0',
  '8': '1,3 0,4 0,5 1,6 3,6 4,5 4,4 3,3 1,3 0,2 0,1 1,0 3,0 4,1 4,2 3,3',
  '9': '4,3 1,3 0,4 0,5 1,6 3,6 4,5 4,1 3,0 1,0',
  '.': '1.8,0 2.2,0 2.2,0.4 1.8,0.4 1.8,0',
  '-': '1,3 3,3',
  '/': '0,0 4,6',
  '+': '2,1 2,5;0,3 4,3',
  ':': '1.8,1 2.2,1;1.8,4 2.2,4',
  '(': '3,6 2,5 2,1 3,0',
  ')': '1,6 2,5 2,1 1,0',
  '²': '0,5 0.5,5.7 1.5,5.7 2,5 0,3.6 2,3.6',
};

const ADVANCE = 5.6;

function strokeWidth(text: string, size: number): number {
  return text.length * ADVANCE * ((0.7 * size) / 6);
}

/** Stroke segments of `text` at `size` (cap height 0.7 size), turned by `angle` degrees about its origin. */
function strokeSegments(text: string, size: number, angle: number): [number, number, number, number][] {
  const unit = (0.7 * size) / 6;
  const cos = Math.cos((angle * Math.PI) / 180);
  const sin = Math.sin((angle * Math.PI) / 180);
  const out: [number, number, number, number][] = [];
  [...text].forEach((ch, i) => {
    const upper = ch.toUpperCase();
    const glyph = GLYPHS[upper];
    if (!glyph) return;
    const shrink = ch !== upper ? 0.7 : 1;
    for (const poly of glyph.split(';')) {
      const pts = poly.split(' ').map((p) => p.split(',').map(Number) as [number, number]);
      for (let j = 1; j < pts.length; j++) {
        const a = pts[j - 1];
        const b = pts[j];
        if (!a || !b) continue;
        const [u0, v0, u1, v1] = [
          (i * ADVANCE + a[0] * shrink) * unit,
          a[1] * shrink * unit,
          (i * ADVANCE + b[0] * shrink) * unit,
          b[1] * shrink * unit,
        ];
        out.push([u0 * cos - v0 * sin, u0 * sin + v0 * cos, u1 * cos - v1 * sin, u1 * sin + v1 * cos]);
      }
    }
  });
  return out;
}
