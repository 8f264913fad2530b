import type { Board } from './boards.ts';
import type { BlockShape, Canvas } from './canvas.ts';

/** IEC single-line symbols, one unit long along +y (incoming end at 0). */
export const BLOCKS: Record<'MCB' | 'ISO' | 'RCD' | 'SPD', BlockShape> = {
  MCB: [
    [
      [0, 0],
      [0, 0.3],
      [-0.28, 0.78],
    ],
    [
      [-0.08, 0.62],
      [0.08, 0.78],
    ],
    [
      [-0.08, 0.78],
      [0.08, 0.62],
    ],
    [
      [0, 0.7],
      [0, 1],
    ],
  ],
  ISO: [
    [
      [0, 0],
      [0, 0.3],
      [-0.3, 0.8],
    ],
    [
      [-0.12, 0.7],
      [0.12, 0.7],
    ],
    [
      [0, 0.7],
      [0, 1],
    ],
  ],
  RCD: [
    [
      [0, 0],
      [0, 0.35],
      [-0.28, 0.8],
    ],
    [
      [-0.08, 0.66],
      [0.08, 0.8],
    ],
    [
      [-0.08, 0.8],
      [0.08, 0.66],
    ],
    [
      [0, 0.72],
      [0, 1],
    ],
    [
      [-0.16, 0.12],
      [0.16, 0.12],
      [0.16, 0.24],
      [-0.16, 0.24],
      [-0.16, 0.12],
    ],
  ],
  SPD: [
    [
      [0, 0],
      [0, 0.25],
    ],
    [
      [-0.15, 0.25],
      [0.15, 0.25],
      [0.15, 0.75],
      [-0.15, 0.75],
      [-0.15, 0.25],
    ],
    [
      [0, 0.3],
      [0, 0.55],
      [-0.07, 0.47],
    ],
    [
      [0, 0.55],
      [0.07, 0.47],
    ],
    [
      [0, 0.75],
      [0, 0.9],
    ],
    [
      [-0.2, 0.9],
      [0.2, 0.9],
    ],
    [
      [-0.13, 0.95],
      [0.13, 0.95],
    ],
    [
      [-0.06, 1],
      [0.06, 1],
    ],
  ],
};

export type BoardLayout = 'rows' | 'columns';

export interface Box {
  readonly x: number;
  /** Top edge. */
  readonly top: number;
  readonly w: number;
  readonly h: number;
}

/** Options a producer varies between boards. */
export interface BoardStyle {
  readonly layout: BoardLayout;
  /** Rows layout: every cell bordered, or only the outer frame and the header rule (columns layout is always ruled). */
  readonly grid: boolean;
  readonly columns: readonly Column[];
  readonly withSpd: boolean;
}

export type Column = 'cct' | 'breaker' | 'cable' | 'description' | 'points';

export const COLUMN_TITLES: Record<Column, readonly string[]> = {
  cct: ['CCT No', 'CCT', 'WAY'],
  breaker: ['BREAKER', 'MCB', 'RATING', 'PROTECTION'],
  cable: ['CABLE', 'CABLE SIZE', 'CONDUCTOR'],
  description: ['DESCRIPTION', 'CIRCUIT', 'DESCRIPTION / LOAD'],
  points: ['POINTS', 'No PTS', 'QTY'],
};

function cell(board: Board, col: Column, i: number): string {
  const way = board.ways[i];
  if (!way) return '';
  switch (col) {
    case 'cct':
      return String(way.number);
    case 'breaker':
      return way.space ? '-' : way.breaker;
    case 'cable':
      return way.space ? '-' : way.cable;
    case 'description':
      return way.description;
    case 'points':
      return way.space ? '-' : way.points;
  }
}

const LINE = 0.5;
const THIN = 0.3;
const BUS = 2.2;

/**
 * Draws one board: title, header, incoming main switch, busbar, a breaker per way, and its
 * circuit table, fitted into `box`. Returns the font size used.
 */
export function drawBoard(
  cv: Canvas,
  board: Board,
  style: BoardStyle,
  titles: Record<Column, string>,
  box: Box,
): number {
  const fs = boardFontSize(cv, board, style, titles, box);
  if (style.layout === 'rows') drawRows(cv, board, style, titles, box, fs);
  else drawColumns(cv, board, style, titles, box, fs);
  return fs;
}

/** Largest font size (at most `MAX_FONT`) at which the board fits in `box`. */
export function boardFontSize(
  cv: Canvas,
  board: Board,
  style: BoardStyle,
  titles: Record<Column, string>,
  box: Box,
): number {
  const need =
    style.layout === 'rows'
      ? rowsGeometry(cv, board, style, titles)
      : columnsGeometry(cv, board, style, titles);
  const w = need.width(1);
  const h = need.height(1);
  return Math.min(MAX_FONT, (box.w - 8) / w, (box.h - 8) / h);
}

const MAX_FONT = 8;

/** Widths and heights of a board drawn at font size `fs` (all linear in fs). */
interface Geometry {
  width(fs: number): number;
  height(fs: number): number;
}

function headerBlock(cv: Canvas, board: Board, x: number, top: number, fs: number): number {
  const t = fs * 1.5;
  cv.lineWidth(LINE * 1.4);
  cv.text(board.name, x, top - t, t);
  cv.line(x, top - t - 2, x + cv.textWidth(board.name, t), top - t - 2);
  cv.lineWidth(THIN);
  let y = top - t - 2 - fs * 1.6;
  for (const line of board.header) {
    cv.text(line, x, y, fs);
    y -= fs * 1.5;
  }
  return y + fs * 1.5 - fs * 0.8;
}

function headerHeight(board: Board, fs: number): number {
  return fs * 1.5 + 2 + fs * 1.6 + (board.header.length - 1) * fs * 1.5 + fs * 0.8;
}

function headerWidth(cv: Canvas, board: Board, fs: number): number {
  return Math.max(cv.textWidth(board.name, fs * 1.5), ...board.header.map((l) => cv.textWidth(l, fs)));
}

/** Sizes shared by the rows layout's measure and drawing. */
function rowsParts(cv: Canvas, board: Board, titles: Record<Column, string>) {
  const colW = (col: Column, fs: number) =>
    Math.max(
      cv.textWidth(titles[col], fs),
      ...board.ways.map((_, i) => cv.textWidth(cell(board, col, i), fs)),
    ) +
    fs * 1.2;
  const diagramW = (fs: number) => fs * 20 + (board.elGroups.length > 0 ? fs * 6 : 0);
  return { colW, diagramW, rowH: 2.3 };
}

function rowsGeometry(cv: Canvas, board: Board, style: BoardStyle, titles: Record<Column, string>): Geometry {
  const { colW, diagramW, rowH } = rowsParts(cv, board, titles);
  return {
    width: (fs) =>
      Math.max(diagramW(fs) + style.columns.reduce((a, c) => a + colW(c, fs), 0), headerWidth(cv, board, fs)),
    height: (fs) => headerHeight(board, fs) + 9 * fs + (board.ways.length + 1) * rowH * fs,
  };
}

/** Vertical busbar on the left, one row per way, the table to the right of the breakers. */
function drawRows(
  cv: Canvas,
  board: Board,
  style: BoardStyle,
  titles: Record<Column, string>,
  box: Box,
  fs: number,
): void {
  const n = board.ways.length;
  const { colW, diagramW, rowH } = rowsParts(cv, board, titles);

  const x0 = box.x + 4;
  const afterHeader = headerBlock(cv, board, x0, box.top - 4, fs);
  const rh = rowH * fs;
  const xBus = x0 + fs * 3;
  const xSub = xBus + fs * 6;
  const hasEl = board.elGroups.length > 0;
  const xBrk = (hasEl ? xSub : xBus) + fs * 4;
  const brkLen = fs * 4;
  const xTable = x0 + diagramW(fs);
  // Incoming supply, main switch and the top of the busbar.
  const yMain = afterHeader - fs * 1.2;
  const tableTop = yMain - fs * 7.5;
  cv.lineWidth(LINE);
  cv.line(xBus, yMain, xBus, yMain - fs * 1.2);
  cv.block('ISO', BLOCKS.ISO, xBus, yMain - fs * 1.2, fs * 4, 180);
  cv.text(board.mainLabel, xBus + fs * 1.5, yMain - fs * 3.5, fs * 0.85);
  if (style.withSpd) {
    cv.line(xBus, yMain - fs * 6, xBus + fs * 9, yMain - fs * 6);
    cv.block('SPD', BLOCKS.SPD, xBus + fs * 9, yMain - fs * 6, fs * 2.6, 180);
    cv.text('SPD', xBus + fs * 10.2, yMain - fs * 7.4, fs * 0.8);
  }
  const rowY = (i: number) => tableTop - rh * (i + 1) - rh / 2;
  cv.lineWidth(BUS);
  cv.line(xBus, yMain - fs * 5.2, xBus, rowY(n - 1) - rh * 0.3);
  cv.lineWidth(LINE);
  // Earth-leakage sub-busbars.
  board.elGroups.forEach((label, g) => {
    const rows = board.ways.map((w, i) => (w.elGroup === g ? i : -1)).filter((i) => i >= 0);
    const first = rows[0];
    const last = rows.at(-1);
    if (first === undefined || last === undefined) return;
    const yLink = rowY(first) + rh * 0.5;
    cv.line(xBus, yLink, xBus + fs * 0.6, yLink);
    cv.block('RCD', BLOCKS.RCD, xBus + fs * 0.6, yLink, fs * 3.2, -90);
    cv.line(xBus + fs * 3.8, yLink, xSub, yLink);
    cv.text(label, xBus + fs * 0.8, yLink + fs * 0.35, fs * 0.6);
    cv.lineWidth(BUS * 0.6);
    cv.line(xSub, yLink, xSub, rowY(last) - rh * 0.25);
    cv.lineWidth(LINE);
  });
  // One way per row: feeder line, breaker, circuit tag.
  board.ways.forEach((way, i) => {
    if (way.space) return;
    const y = rowY(i);
    const from = way.elGroup !== null ? xSub : xBus;
    cv.line(from, y, xBrk, y);
    cv.block('MCB', BLOCKS.MCB, xBrk, y, brkLen, -90);
    cv.line(xBrk + brkLen, y, xTable, y);
    if (way.tag) cv.text(way.tag, xBrk + brkLen + fs * 0.6, y + fs * 0.3, fs * 0.7);
  });
  // The circuit table.
  cv.lineWidth(THIN);
  const widths = style.columns.map((c) => colW(c, fs));
  const total = widths.reduce((a, b) => a + b, 0);
  const bottom = tableTop - rh * (n + 1);
  cv.rect(xTable, bottom, total, rh * (n + 1));
  cv.line(xTable, tableTop - rh, xTable + total, tableTop - rh);
  let cx = xTable;
  style.columns.forEach((col, ci) => {
    const w = widths[ci] ?? 0;
    if (ci > 0 && style.grid) cv.line(cx, tableTop, cx, bottom);
    const centred = col !== 'description' && col !== 'cable';
    const tx = centred ? cx + w / 2 : cx + fs * 0.6;
    cv.text(titles[col], tx, tableTop - rh / 2 - fs * 0.35, fs, centred ? 'center' : 'left');
    board.ways.forEach((_, i) => {
      cv.text(cell(board, col, i), tx, rowY(i) - fs * 0.35, fs, centred ? 'center' : 'left');
    });
    cx += w;
  });
  if (style.grid)
    for (let i = 1; i < n; i++)
      cv.line(xTable, tableTop - rh * (i + 1), xTable + total, tableTop - rh * (i + 1));
}

/** Sizes shared by the columns layout's measure and drawing. */
function columnsParts(cv: Canvas, board: Board, style: BoardStyle, titles: Record<Column, string>) {
  const fields = style.columns;
  const turned = (f: Column) => f === 'description' || f === 'cable';
  const labelW = (fs: number) => Math.max(...fields.map((f) => cv.textWidth(titles[f], fs))) + fs * 1.2;
  const colW = (fs: number) =>
    Math.max(
      fs * 2.6,
      ...fields
        .filter((f) => !turned(f))
        .flatMap((f) => board.ways.map((_, i) => cv.textWidth(cell(board, f, i), fs))),
    ) +
    fs * 1.2;
  const rowH = (f: Column, fs: number) =>
    turned(f)
      ? Math.max(...board.ways.map((_, i) => cv.textWidth(cell(board, f, i), fs))) + fs * 1.5
      : fs * 2.2;
  const diagramH = (fs: number) => fs * 20.5 + (board.elGroups.length > 0 ? fs * 6 : 0);
  return { fields, turned, labelW, colW, rowH, diagramH };
}

function columnsGeometry(
  cv: Canvas,
  board: Board,
  style: BoardStyle,
  titles: Record<Column, string>,
): Geometry {
  const { fields, labelW, colW, rowH, diagramH } = columnsParts(cv, board, style, titles);
  return {
    width: (fs) => Math.max(labelW(fs) + board.ways.length * colW(fs), headerWidth(cv, board, fs) + fs * 10),
    height: (fs) => headerHeight(board, fs) + diagramH(fs) + fields.reduce((a, f) => a + rowH(f, fs), 0),
  };
}

/** Horizontal busbar, one column per way, a transposed table (one row per field) below. */
function drawColumns(
  cv: Canvas,
  board: Board,
  style: BoardStyle,
  titles: Record<Column, string>,
  box: Box,
  fs: number,
): void {
  const n = board.ways.length;
  const { fields, turned, labelW, colW, rowH, diagramH } = columnsParts(cv, board, style, titles);

  const x0 = box.x + 4;
  const afterHeader = headerBlock(cv, board, x0 + fs * 10, box.top - 4, fs);
  const cw = colW(fs);
  const xTable = x0;
  const xFirst = xTable + labelW(fs);
  const colX = (i: number) => xFirst + cw * (i + 0.5);
  const hasEl = board.elGroups.length > 0;
  const yBus = afterHeader - fs * 4.5;
  const ySub = yBus - fs * 6;
  const yBrk = (hasEl ? ySub : yBus) - fs * 3;
  const brkLen = fs * 4.5;
  const tableTop = yBus - diagramH(fs) + fs * 4;
  // Incoming: supply from above at the left end, main switch, busbar.
  cv.lineWidth(LINE);
  const xIn = x0 + fs * 3;
  cv.line(xIn, box.top - 4, xIn, yBus + fs * 5.5);
  cv.block('ISO', BLOCKS.ISO, xIn, yBus + fs * 5.5, fs * 4, 180);
  cv.line(xIn, yBus + fs * 1.5, xIn, yBus);
  cv.text(board.mainLabel, xIn + fs * 1.2, yBus + fs * 2, fs * 0.85);
  cv.lineWidth(BUS);
  cv.line(xIn - fs, yBus, colX(n - 1) + cw * 0.4, yBus);
  cv.lineWidth(LINE);
  if (style.withSpd) {
    cv.line(xIn, yBus, xIn, yBus - fs * 2);
    cv.block('SPD', BLOCKS.SPD, xIn, yBus - fs * 2, fs * 2.6, 180);
    cv.text('SPD', xIn + fs * 0.8, yBus - fs * 3.8, fs * 0.8);
  }
  board.elGroups.forEach((label, g) => {
    const cols = board.ways.map((w, i) => (w.elGroup === g ? i : -1)).filter((i) => i >= 0);
    const first = cols[0];
    const last = cols.at(-1);
    if (first === undefined || last === undefined) return;
    const xm = (colX(first) + colX(last)) / 2;
    cv.block('RCD', BLOCKS.RCD, xm, yBus, fs * 4, 180);
    cv.line(xm, yBus - fs * 4, xm, ySub);
    cv.text(label, xm + fs * 0.8, yBus - fs * 2.4, fs * 0.6);
    cv.lineWidth(BUS * 0.6);
    cv.line(colX(first) - cw * 0.3, ySub, colX(last) + cw * 0.3, ySub);
    cv.lineWidth(LINE);
  });
  board.ways.forEach((way, i) => {
    if (way.space) return;
    const x = colX(i);
    cv.line(x, way.elGroup !== null ? ySub : yBus, x, yBrk);
    cv.block('MCB', BLOCKS.MCB, x, yBrk, brkLen, 180);
    cv.line(x, yBrk - brkLen, x, tableTop);
    if (way.tag) cv.text(way.tag, x + fs * 0.4, yBrk - brkLen - fs * 1.2, fs * 0.65);
  });
  // Transposed table: a label column, then one column per way.
  cv.lineWidth(THIN);
  let y = tableTop;
  const right = xFirst + cw * n;
  for (const f of fields) {
    const h = rowH(f, fs);
    cv.rect(xTable, y - h, right - xTable, h);
    cv.text(titles[f], xTable + fs * 0.6, y - Math.min(h / 2, fs * 1.6) - fs * 0.35, fs);
    board.ways.forEach((_, i) => {
      const text = cell(board, f, i);
      if (turned(f)) cv.text(text, colX(i) + fs * 0.35, y - h + fs * 0.7, fs, 'left', 90);
      else cv.text(text, colX(i), y - h / 2 - fs * 0.35, fs, 'center');
    });
    y -= h;
  }
  // Way columns are always ruled: without them a transposed table cannot be read by anyone.
  for (let i = 0; i <= n; i++) cv.line(xFirst + cw * i, tableTop, xFirst + cw * i, y);
}
