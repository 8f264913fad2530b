import { type Color, grayscale } from 'pdf-lib';
import { type Canvas, type FontKey, Path } from './canvas.ts';
import { type Box, IDENTITY } from './geometry.ts';
import type { LegendRowSpec, PlanSpec, SheetSpec } from './plan-spec.ts';
import { drawSymbol, type Language, styleById } from './symbols.ts';
import { GENERAL_NOTES } from './vocabulary.ts';

/**
 * Sheet furniture: border, title block, legend, general notes, north arrow and drawing titles,
 * plus the split of a sheet into drawing area and side column.
 */
export interface SheetRegions {
  /** Inner border. */
  readonly frame: Box;
  readonly titleBlock: Box;
  /** Column (landscape) or band (portrait) for legend, schedules and notes. */
  readonly side: Box;
  readonly sideFlow: 'column' | 'row';
  readonly drawing: Box;
}

/** Text size (pt) and symbol unit (pt) by paper. */
export function sheetMetrics(sheet: SheetSpec): { text: number; unit: number } {
  switch (sheet.paper) {
    case 'letter':
      return { text: 5.2, unit: 3.4 };
    case 'tabloid':
    case 'a3':
      return { text: 6.5, unit: 5 };
    case 'a1':
    case 'archD':
      return { text: 9.5, unit: 7 };
  }
}

export function sheetRegions(W: number, H: number, sideWeight: number): SheetRegions {
  const m = Math.max(18, Math.min(W, H) * 0.025);
  const frame: Box = [m, m, W - m, H - m];
  const landscape = W > H;
  if (landscape && W >= 1100) {
    const tbW = Math.max(150, W * 0.12);
    const titleBlock: Box = [frame[2] - tbW, frame[1], frame[2], frame[3]];
    const sideW = W * sideWeight;
    const side: Box = [titleBlock[0] - sideW, frame[1], titleBlock[0], frame[3]];
    return { frame, titleBlock, side, sideFlow: 'column', drawing: [frame[0], frame[1], side[0], frame[3]] };
  }
  const tbH = Math.max(62, H * (landscape ? 0.13 : 0.1));
  const titleBlock: Box = [frame[0], frame[1], frame[2], frame[1] + tbH];
  if (landscape) {
    const sideW = W * (sideWeight + 0.04);
    const side: Box = [frame[2] - sideW, titleBlock[3], frame[2], frame[3]];
    return {
      frame,
      titleBlock,
      side,
      sideFlow: 'column',
      drawing: [frame[0], titleBlock[3], side[0], frame[3]],
    };
  }
  const sideH = H * (sideWeight + 0.06);
  const side: Box = [frame[0], titleBlock[3], frame[2], titleBlock[3] + sideH];
  return { frame, titleBlock, side, sideFlow: 'row', drawing: [frame[0], side[3], frame[2], frame[3]] };
}

const INK = grayscale(0);

/** Border and title block; `scaleText` is printed in the scale field. */
export function drawFrameAndTitleBlock(
  canvas: Canvas,
  r: SheetRegions,
  spec: PlanSpec,
  sheet: SheetSpec,
  sheetIndex: number,
  sheetCount: number,
  scaleText: string,
  textSize: number,
  font: FontKey,
): void {
  const fr = spec.language === 'fr';
  const [fx0, fy0, fx1, fy1] = r.frame;
  canvas.path(
    'TITLE',
    new Path().rect(fx0, fy0, fx1 - fx0, fy1 - fy0),
    { stroke: INK, width: 1.4 },
    IDENTITY,
  );
  const [tx0, ty0, tx1, ty1] = r.titleBlock;
  canvas.path('TITLE', new Path().rect(tx0, ty0, tx1 - tx0, ty1 - ty0), { stroke: INK, width: 1 }, IDENTITY);
  const fields: [string, string, number][] = [
    [fr ? 'PROJET' : 'PROJECT', spec.project, 1.25],
    [fr ? 'ADRESSE' : 'ADDRESS', spec.address, 0.95],
    [fr ? 'TITRE DU DESSIN' : 'DRAWING TITLE', sheet.title, 1.05],
    [fr ? 'ÉCHELLE' : 'SCALE', scaleText, 1],
    ['DATE', spec.date, 1],
    [fr ? 'DESSINÉ PAR' : 'DRAWN BY', spec.firm.slice(0, 2).toUpperCase().replace('É', 'E'), 1],
    [fr ? 'FEUILLE' : 'SHEET', `${sheet.sheetNumber}  (${sheetIndex + 1}/${sheetCount})`, 1.5],
  ];
  const grid = new Path();
  const label = (t: string, x: number, y: number): void =>
    canvas.text('TITLE', t, [x, y], { size: textSize * 0.7, font, color: grayscale(0.3) }, IDENTITY);
  const value = (t: string, x: number, y: number, k: number, maxW: number): void => {
    const size = Math.min(
      textSize * k,
      (textSize * k * maxW) / Math.max(1, canvas.measure(t, { size: textSize * k, font: 'bold' }).width),
    );
    canvas.text('TITLE', t, [x, y], { size, font: 'bold' }, IDENTITY);
  };
  const firm = spec.firm;
  if (r.sideFlow === 'column' && r.titleBlock[3] - r.titleBlock[1] > r.titleBlock[2] - r.titleBlock[0]) {
    // Vertical strip: firm at the top, fields stacked at the bottom.
    const w = tx1 - tx0;
    value(firm, tx0 + textSize * 0.6, ty1 - textSize * 2.2, 1.2, w - textSize * 1.2);
    canvas.text(
      'TITLE',
      fr ? 'Ingénierie électrique — Québec' : 'Electrical engineering — Québec',
      [tx0 + textSize * 0.6, ty1 - textSize * 3.6],
      { size: textSize * 0.8, font },
      IDENTITY,
    );
    grid.moveTo(tx0, ty1 - textSize * 4.6).lineTo(tx1, ty1 - textSize * 4.6);
    const stamp = fr ? 'POUR SOUMISSION' : 'ISSUED FOR TENDER';
    canvas.text(
      'TITLE',
      stamp,
      [tx0 + w / 2, ty1 - textSize * 7],
      { size: textSize * 1.1, font: 'bold', anchor: 'middle', color: grayscale(0.35) },
      IDENTITY,
    );
    let y = ty0;
    for (const [l, v, k] of [...fields].reverse()) {
      const h = textSize * (1.6 + k * 1.3);
      label(l, tx0 + textSize * 0.5, y + h - textSize * 0.9);
      value(v, tx0 + textSize * 0.5, y + textSize * 0.6, k, w - textSize);
      y += h;
      grid.moveTo(tx0, y).lineTo(tx1, y);
    }
  } else {
    // Horizontal band: firm box on the left then fields in cells.
    const h = ty1 - ty0;
    const firmW = (tx1 - tx0) * 0.22;
    value(firm, tx0 + textSize * 0.6, ty1 - textSize * 1.8, 1.1, firmW - textSize * 1.2);
    canvas.text(
      'TITLE',
      fr ? 'Ingénierie électrique' : 'Electrical engineering',
      [tx0 + textSize * 0.6, ty1 - textSize * 3.1],
      { size: textSize * 0.75, font },
      IDENTITY,
    );
    grid.moveTo(tx0 + firmW, ty0).lineTo(tx0 + firmW, ty1);
    const rest = tx1 - tx0 - firmW;
    const cols = [0.3, 0.28, 0.14, 0.14, 0.14];
    const cells: [string, string, number][][] = [
      [fields[0] as [string, string, number], fields[1] as [string, string, number]],
      [fields[2] as [string, string, number]],
      [fields[3] as [string, string, number], fields[4] as [string, string, number]],
      [fields[5] as [string, string, number]],
      [fields[6] as [string, string, number]],
    ];
    let x = tx0 + firmW;
    cells.forEach((cell, i) => {
      const w = rest * (cols[i] ?? 0.2);
      cell.forEach(([l, v, k], j) => {
        const cy1 = ty1 - (h / cell.length) * j;
        label(l, x + textSize * 0.4, cy1 - textSize * 1.0);
        value(
          v,
          x + textSize * 0.4,
          cy1 - h / cell.length + textSize * 0.6,
          Math.min(k, 1.1),
          w - textSize * 0.8,
        );
        if (j > 0) grid.moveTo(x, cy1).lineTo(x + w, cy1);
      });
      x += w;
      if (i < cells.length - 1) grid.moveTo(x, ty0).lineTo(x, ty1);
    });
  }
  canvas.path('TITLE', grid, { stroke: INK, width: 0.5 }, IDENTITY);
}

export interface Block {
  readonly w: number;
  readonly h: number;
  draw(x: number, yTop: number): void;
}

export interface LegendBlockOptions {
  readonly title: string;
  readonly rows: readonly LegendRowSpec[];
  readonly textSize: number;
  readonly unit: number;
  readonly font: FontKey;
  readonly ruled: boolean;
  readonly columns: 1 | 2;
  readonly symbolColor: Color;
  readonly textRotates: boolean;
  readonly symbolMode: 'flat' | 'cm';
  readonly lineWidth: number;
  /** Symbol cell left of the label (usual) or right of it. */
  readonly symbolSide?: 'left' | 'right';
}

/** Legend: a title then one row per entry, the symbol drawn in its cell next to its label. */
export function legendBlock(canvas: Canvas, o: LegendBlockOptions): Block {
  const size = o.textSize;
  const rowH = Math.max(o.unit * 3.6, size * 2);
  const symW = o.unit * 7.5;
  const labelW =
    Math.max(...o.rows.map((r) => canvas.measure(r.label, { size, font: o.font }).width)) + size * 1.2;
  const perCol = Math.ceil(o.rows.length / o.columns);
  const colW = symW + labelW;
  const symbolRight = o.symbolSide === 'right';
  const titleH = size * 2.6;
  const w = colW * o.columns;
  const h = titleH + rowH * perCol + size * 0.6;
  return {
    w,
    h,
    draw: (x, yTop) => {
      canvas.text(
        'E-LEGD',
        o.title,
        [x + size * 0.3, yTop - size * 1.7],
        { size: size * 1.4, font: 'bold' },
        IDENTITY,
      );
      const titleW = canvas.measure(o.title, { size: size * 1.4, font: 'bold' }).width;
      canvas.path(
        'E-LEGD',
        new Path().line(x + size * 0.3, yTop - size * 2.05, x + size * 0.3 + titleW, yTop - size * 2.05),
        { stroke: INK, width: 0.6 },
        IDENTITY,
      );
      const grid = new Path();
      o.rows.forEach((row, i) => {
        const col = Math.floor(i / perCol);
        const r = i % perCol;
        const cx = x + col * colW;
        const cy = yTop - titleH - rowH * (r + 0.5);
        // Left edges of the symbol cell and of the label cell.
        const symX = symbolRight ? cx + labelW : cx;
        const labelX = symbolRight ? cx : cx + symW;
        const style = styleById(row.styleId);
        drawSymbol(
          canvas,
          style.build(row.symbolText),
          {
            x: symX + symW / 2 - (row.role === 'gfci' && row.styleId === 'gfci-duplex-text' ? o.unit : 0),
            y: cy,
            unit: o.unit,
            rotation: 0,
            mirrored: false,
            scale: 1,
          },
          {
            mode: o.symbolMode,
            lineWidth: o.lineWidth,
            color: o.symbolColor,
            textRotates: o.textRotates,
            layer: 'E-LEGD',
            textLayer: 'E-LEGD',
          },
        );
        canvas.text(
          'E-LEGD',
          row.label,
          [labelX + size * 0.4, cy],
          { size, font: o.font, vAnchor: 'middle' },
          IDENTITY,
        );
        if (o.ruled)
          grid
            .rect(cx, cy - rowH / 2, colW, rowH)
            .moveTo(cx + (symbolRight ? labelW : symW), cy - rowH / 2)
            .lineTo(cx + (symbolRight ? labelW : symW), cy + rowH / 2);
      });
      if (o.ruled) canvas.path('E-LEGD', grid, { stroke: INK, width: 0.35 }, IDENTITY);
    },
  };
}

/** "NOTES GÉNÉRALES" with numbered, word-wrapped notes. */
export function notesBlock(
  canvas: Canvas,
  language: Language,
  count: number,
  width: number,
  textSize: number,
  font: FontKey,
): Block {
  const notes = GENERAL_NOTES[language].slice(0, count);
  const lines: string[] = [];
  notes.forEach((n, i) => {
    const words = `${i + 1}. ${n}`.split(' ');
    let line = '';
    for (const word of words) {
      const next = line ? `${line} ${word}` : word;
      if (canvas.measure(next, { size: textSize, font }).width > width && line) {
        lines.push(line);
        line = `    ${word}`;
      } else line = next;
    }
    if (line) lines.push(line);
  });
  const lineH = textSize * 1.35;
  const title = language === 'fr' ? 'NOTES GÉNÉRALES' : 'GENERAL NOTES';
  return {
    w: width,
    h: textSize * 2.6 + lines.length * lineH,
    draw: (x, yTop) => {
      canvas.text(
        'TITLE',
        title,
        [x, yTop - textSize * 1.4],
        { size: textSize * 1.25, font: 'bold' },
        IDENTITY,
      );
      for (const [i, l] of lines.entries()) {
        canvas.text('TITLE', l, [x, yTop - textSize * 2.8 - i * lineH], { size: textSize, font }, IDENTITY);
      }
    },
  };
}

/**
 * Places blocks top-down in a column, or left-to-right in a row; returns the blocks that did
 * not fit (the caller moves them elsewhere or fails loudly).
 */
export function flowBlocks(
  region: Box,
  flow: 'column' | 'row',
  blocks: readonly Block[],
  gap: number,
): Block[] {
  const [x0, y0, x1, y1] = region;
  const rejected: Block[] = [];
  if (flow === 'column') {
    // Top-down, starting a new column to the right when the current one is full.
    let x = x0 + gap;
    let y = y1 - gap;
    let colW = 0;
    for (const b of blocks) {
      if (y - b.h < y0 + gap && colW > 0) {
        x += colW + gap * 1.5;
        y = y1 - gap;
        colW = 0;
      }
      if (y - b.h < y0 + gap || x + b.w > x1 - gap) {
        rejected.push(b);
        continue;
      }
      b.draw(x, y);
      y -= b.h + gap * 1.5;
      colW = Math.max(colW, b.w);
    }
  } else {
    // Left to right, starting a new row below when the current one is full.
    let x = x0 + gap;
    let y = y1 - gap;
    let rowH = 0;
    for (const b of blocks) {
      if (x + b.w > x1 - gap && rowH > 0) {
        y -= rowH + gap * 1.5;
        x = x0 + gap;
        rowH = 0;
      }
      if (x + b.w > x1 - gap || y - b.h < y0 + gap) {
        rejected.push(b);
        continue;
      }
      b.draw(x, y);
      x += b.w + gap * 2;
      rowH = Math.max(rowH, b.h);
    }
  }
  return rejected;
}

/** Drawing title with a callout bubble and an optional scale note under it. */
export function drawingTitle(
  canvas: Canvas,
  x: number,
  y: number,
  title: string,
  scaleNote: string | null,
  number: string,
  textSize: number,
  font: FontKey,
): Box {
  const size = textSize * 1.6;
  const r = size * 1.1;
  canvas.path(
    'TITLE',
    new Path().circle(x + r, y, r).line(x, y, x + 2 * r, y),
    { stroke: INK, width: 0.8 },
    IDENTITY,
  );
  canvas.text(
    'TITLE',
    number,
    [x + r, y + r * 0.45],
    { size: size * 0.6, font: 'bold', anchor: 'middle', vAnchor: 'middle' },
    IDENTITY,
  );
  canvas.text(
    'TITLE',
    'E',
    [x + r, y - r * 0.45],
    { size: size * 0.5, font, anchor: 'middle', vAnchor: 'middle' },
    IDENTITY,
  );
  const tx = x + 2 * r + size * 0.5;
  canvas.text('TITLE', title, [tx, y + size * 0.2], { size, font: 'bold' }, IDENTITY);
  const w = canvas.measure(title, { size, font: 'bold' }).width;
  canvas.path('TITLE', new Path().line(tx, y, tx + w, y), { stroke: INK, width: 1.2 }, IDENTITY);
  if (scaleNote)
    canvas.text('TITLE', scaleNote, [tx, y - size * 0.95], { size: textSize * 1.1, font }, IDENTITY);
  return [x, y - size * 1.4, tx + w, y + r];
}

export function drawNorthArrow(canvas: Canvas, x: number, y: number, r: number): void {
  canvas.path('TITLE', new Path().circle(x, y, r), { stroke: INK, width: 0.5 }, IDENTITY);
  canvas.path(
    'TITLE',
    new Path().polyline(
      [
        [x, y + r * 0.9],
        [x - r * 0.35, y - r * 0.6],
        [x, y - r * 0.3],
      ],
      true,
    ),
    { fill: INK },
    IDENTITY,
  );
  canvas.path(
    'TITLE',
    new Path().polyline(
      [
        [x, y + r * 0.9],
        [x + r * 0.35, y - r * 0.6],
        [x, y - r * 0.3],
      ],
      true,
    ),
    { stroke: INK, width: 0.5 },
    IDENTITY,
  );
  canvas.text(
    'TITLE',
    'N',
    [x, y + r * 1.35],
    { size: r * 0.7, font: 'bold', anchor: 'middle', vAnchor: 'middle' },
    IDENTITY,
  );
}
