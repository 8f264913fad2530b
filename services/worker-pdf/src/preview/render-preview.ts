import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Canvas, createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { DetectedSymbol, DeviceType } from '@saeq/shared/contracts/plan-analysis';
import { PdfUnreadableError } from '../extraction/extract-document.ts';
import { loadPdfjs, type Pdfjs, safeDocumentParams } from '../extraction/pdfjs.ts';
import { canvasToPng } from './png.ts';

export type PreviewSymbol = Pick<DetectedSymbol, 'type' | 'x' | 'y'> & { bbox?: DetectedSymbol['bbox'] };

export type PreviewOptions = {
  /** Pixels per PDF point. Default: fit `maxWidthPx`, at most 2. */
  scale?: number;
  /** Widest image produced when `scale` is not given. Default 1600. */
  maxWidthPx?: number;
  /** Hard cap on width × height (memory guard). Default 16 MP. */
  maxPixels?: number;
  /** Language of the count legend. Default `fr`. */
  locale?: 'fr' | 'en';
};

/** One colour per device type, distinguishable on a white sheet. */
export const TYPE_COLOURS: Record<DeviceType, string> = {
  receptacle: '#1f77b4',
  receptacle_gfci: '#17becf',
  receptacle_240v: '#08306b',
  receptacle_weatherproof: '#6baed6',
  switch: '#2ca02c',
  switch_3way: '#98df8a',
  switch_4way: '#637939',
  switch_dimmer: '#b5cf6b',
  luminaire: '#ff7f0e',
  luminaire_recessed: '#d62728',
  luminaire_emergency: '#ff9896',
  exit_sign: '#e6550d',
  smoke_detector: '#9467bd',
  co_detector: '#c5b0d5',
  exhaust_fan: '#8c564b',
  baseboard_heater: '#e377c2',
  thermostat: '#f7b6d2',
  panel: '#000000',
  ev_charger: '#bcbd22',
  data_outlet: '#7f7f7f',
  junction_box: '#393b79',
  other: '#ff00ff',
};

const TYPE_LABELS: Record<'fr' | 'en', Record<DeviceType, string>> = {
  fr: {
    receptacle: 'Prises',
    receptacle_gfci: 'Prises DDFT',
    receptacle_240v: 'Prises 240 V',
    receptacle_weatherproof: 'Prises étanches',
    switch: 'Interrupteurs',
    switch_3way: 'Interrupteurs 3 voies',
    switch_4way: 'Interrupteurs 4 voies',
    switch_dimmer: 'Gradateurs',
    luminaire: 'Luminaires',
    luminaire_recessed: 'Luminaires encastrés',
    luminaire_emergency: "Éclairage d'urgence",
    exit_sign: 'Enseignes de sortie',
    smoke_detector: 'Avertisseurs de fumée',
    co_detector: 'Avertisseurs de CO',
    exhaust_fan: 'Ventilateurs',
    baseboard_heater: 'Plinthes chauffantes',
    thermostat: 'Thermostats',
    panel: 'Panneaux',
    ev_charger: 'Bornes VE',
    data_outlet: 'Prises de données',
    junction_box: 'Boîtes de jonction',
    other: 'Autres',
  },
  en: {
    receptacle: 'Receptacles',
    receptacle_gfci: 'GFCI receptacles',
    receptacle_240v: '240 V receptacles',
    receptacle_weatherproof: 'Weatherproof receptacles',
    switch: 'Switches',
    switch_3way: '3-way switches',
    switch_4way: '4-way switches',
    switch_dimmer: 'Dimmers',
    luminaire: 'Luminaires',
    luminaire_recessed: 'Recessed lights',
    luminaire_emergency: 'Emergency lights',
    exit_sign: 'Exit signs',
    smoke_detector: 'Smoke alarms',
    co_detector: 'CO alarms',
    exhaust_fan: 'Exhaust fans',
    baseboard_heater: 'Baseboard heaters',
    thermostat: 'Thermostats',
    panel: 'Panels',
    ev_charger: 'EV chargers',
    data_outlet: 'Data outlets',
    junction_box: 'Junction boxes',
    other: 'Other',
  },
};

let fontFamily: string | undefined;

/** Registers the Liberation Sans shipped with pdfjs-dist once (no system fonts needed). */
function previewFont(): string {
  if (fontFamily !== undefined) return fontFamily;
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const key = GlobalFonts.registerFromPath(
    join(root, 'standard_fonts', 'LiberationSans-Regular.ttf'),
    'SaeqPreviewSans',
  );
  fontFamily = key ? 'SaeqPreviewSans' : 'sans-serif';
  return fontFamily;
}

type PdfDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;

/** One page to preview: its number and the symbols detected on it (page space). */
export type PreviewPage = { number: number; symbols: readonly PreviewSymbol[] };

/** A rendered preview, or why that page could not be drawn. */
export type PreviewResult = { page: number; png: Buffer } | { page: number; error: Error };

async function openDocument(pdfjs: Pdfjs, data: Uint8Array): Promise<PdfDocument> {
  const task = pdfjs.getDocument(safeDocumentParams(data));
  try {
    return await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw new PdfUnreadableError(err instanceof Error ? err.message : String(err), err);
  }
}

/**
 * Renders one page of a PDF to PNG with each detected symbol boxed in its type's colour and a
 * count legend in the top-left corner. Symbols are in page space (PDF points, origin
 * bottom-left of the unrotated page); the page's /Rotate is honoured like a viewer would.
 *
 * To preview several pages of one file, `renderPreviews` parses it once instead of once a page.
 *
 * @throws PdfUnreadableError when the PDF cannot be opened or `pageNumber` does not exist.
 */
export async function renderPreview(
  data: Uint8Array,
  pageNumber: number,
  symbols: readonly PreviewSymbol[],
  opts: PreviewOptions = {},
): Promise<Buffer> {
  const pdfjs = await loadPdfjs();
  const doc = await openDocument(pdfjs, data);
  try {
    return await renderOpenPage(pdfjs, doc, pageNumber, symbols, opts);
  } finally {
    await doc.destroy();
  }
}

/**
 * Renders the previews of several pages of one PDF, opening it once and one page at a time
 * (each page's resources and canvas are released before the next is drawn). A page that cannot
 * be drawn gets an `error` in its result; the other pages are still rendered.
 *
 * @throws PdfUnreadableError when the PDF cannot be opened at all.
 */
export async function renderPreviews(
  data: Uint8Array,
  pages: readonly PreviewPage[],
  opts: PreviewOptions = {},
): Promise<PreviewResult[]> {
  if (pages.length === 0) return [];
  const pdfjs = await loadPdfjs();
  const doc = await openDocument(pdfjs, data);
  try {
    const results: PreviewResult[] = [];
    for (const page of pages) {
      try {
        results.push({
          page: page.number,
          png: await renderOpenPage(pdfjs, doc, page.number, page.symbols, opts),
        });
      } catch (err) {
        results.push({ page: page.number, error: err instanceof Error ? err : new Error(String(err)) });
      }
    }
    return results;
  } finally {
    await doc.destroy();
  }
}

async function renderOpenPage(
  pdfjs: Pdfjs,
  doc: PdfDocument,
  pageNumber: number,
  symbols: readonly PreviewSymbol[],
  opts: PreviewOptions,
): Promise<Buffer> {
  if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > doc.numPages) {
    throw new PdfUnreadableError(`page ${pageNumber} does not exist (${doc.numPages} pages)`);
  }
  const page = await doc.getPage(pageNumber);
  let canvas: Canvas | undefined;
  try {
    const unit = page.getViewport({ scale: 1 });
    const maxPixels = opts.maxPixels ?? 16_000_000;
    let scale = opts.scale ?? Math.min(2, (opts.maxWidthPx ?? 1600) / unit.width);
    const pixels = unit.width * unit.height * scale * scale;
    if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels);
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.round(viewport.width));
    const height = Math.max(1, Math.round(viewport.height));
    canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    // pdfjs draws through the same @napi-rs/canvas build it depends on (one copy installed).
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      viewport,
      annotationMode: pdfjs.AnnotationMode.DISABLE,
    }).promise;

    const [vx0 = 0, vy0 = 0] = page.view;
    const toPx = (x: number, y: number): [number, number] => {
      const [px, py] = viewport.convertToViewportPoint(x + vx0, y + vy0);
      return [px, py];
    };
    drawSymbols(ctx, symbols, toPx, scale);
    drawCountLegend(ctx, symbols, opts.locale ?? 'fr', Math.max(1, scale));
    return canvasToPng(canvas);
  } finally {
    // The pixels (~16 MB for a tabloid sheet at 1600 px) live outside the JS heap, so the GC does
    // not hurry to free them: with one canvas a page they piled up to hundreds of MB of RSS on
    // long sets. Shrinking the canvas frees them now.
    if (canvas) {
      canvas.width = 1;
      canvas.height = 1;
    }
    page.cleanup();
  }
}

function drawSymbols(
  ctx: SKRSContext2D,
  symbols: readonly PreviewSymbol[],
  toPx: (x: number, y: number) => [number, number],
  scale: number,
): void {
  ctx.lineWidth = Math.max(1.5, 1.2 * scale);
  for (const s of symbols) {
    const colour = TYPE_COLOURS[s.type];
    const box = s.bbox ?? [s.x - 6, s.y - 6, s.x + 6, s.y + 6];
    const [ax, ay] = toPx(box[0], box[1]);
    const [bx, by] = toPx(box[2], box[3]);
    const pad = 2 * scale;
    const x = Math.min(ax, bx) - pad;
    const y = Math.min(ay, by) - pad;
    const w = Math.abs(bx - ax) + 2 * pad;
    const h = Math.abs(by - ay) + 2 * pad;
    ctx.strokeStyle = colour;
    ctx.fillStyle = `${colour}33`;
    ctx.fillRect(x, y, w, h);
    ctx.strokeRect(x, y, w, h);
  }
}

function drawCountLegend(
  ctx: SKRSContext2D,
  symbols: readonly PreviewSymbol[],
  locale: 'fr' | 'en',
  k: number,
): void {
  const counts = new Map<DeviceType, number>();
  for (const s of symbols) counts.set(s.type, (counts.get(s.type) ?? 0) + 1);
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = symbols.length;
  const fontSize = Math.round(11 * k);
  const lineH = Math.round(fontSize * 1.45);
  const font = previewFont();
  ctx.font = `${fontSize}px ${font}`;
  const lines = [
    locale === 'fr' ? `Symboles détectés : ${total}` : `Detected symbols: ${total}`,
    ...rows.map(([type, n]) => `${TYPE_LABELS[locale][type]} : ${n}`),
  ];
  const swatch = fontSize;
  const width = Math.max(...lines.map((l) => ctx.measureText(l).width)) + swatch + 3 * 6 * k;
  const height = lines.length * lineH + 8 * k;
  const x0 = 8 * k;
  const y0 = 8 * k;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.fillRect(x0, y0, width, height);
  ctx.strokeStyle = '#333333';
  ctx.lineWidth = 1;
  ctx.strokeRect(x0, y0, width, height);
  ctx.textBaseline = 'middle';
  lines.forEach((line, i) => {
    const cy = y0 + 4 * k + lineH * (i + 0.5);
    let tx = x0 + 6 * k;
    const row = i > 0 ? rows[i - 1] : undefined;
    if (row) {
      ctx.fillStyle = TYPE_COLOURS[row[0]];
      ctx.fillRect(tx, cy - swatch / 2, swatch, swatch);
    }
    tx += swatch + 6 * k;
    ctx.fillStyle = '#111111';
    ctx.fillText(line, tx, cy);
  });
}
