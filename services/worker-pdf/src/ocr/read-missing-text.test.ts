import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Canvas, createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { analyzePlan } from '@saeq/plan-analysis/analyze-plan';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../extraction/extract-document.ts';
import { readMissingText } from './read-missing-text.ts';
import { createTesseractEngine, type OcrEngine } from './tesseract-engine.ts';

/** Liberation Sans as shipped with pdfjs-dist: the scan's "printed" text. */
function scanFont(): string {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  GlobalFonts.registerFromPath(join(root, 'standard_fonts', 'LiberationSans-Regular.ttf'), 'ScanSans');
  return 'ScanSans';
}

/** A white sheet to print black text on, in the scan font at `fontPx`. */
function paper(width: number, height: number, fontPx: number) {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000000';
  ctx.font = `${fontPx}px ${scanFont()}`;
  return { canvas, ctx };
}

/** A one-page letter PDF whose page is only `canvas` as an image (a scan at 200 dpi). */
async function letterScanOf(canvas: Canvas): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const png = await pdf.embedPng(await canvas.encode('png'));
  pdf.addPage([612, 792]).drawImage(png, { x: 0, y: 0, width: 612, height: 792 });
  return pdf.save();
}

/**
 * A letter page that is only an image (a scan at 200 dpi) of a Québec panel schedule: title,
 * ratings, headings and three circuits.
 */
async function scannedSchedulePdf(): Promise<Uint8Array> {
  const { canvas, ctx } = paper(1700, 2200, 40);
  // Poles are left out: Tesseract drops isolated one-letter columns ("P" over "1"s) on sparse pages
  // (docs/benchmarks.md, OCR).
  const rows: [string, string, string][] = [
    ['CIR.', 'DESCRIPTION', 'AMP'],
    ['1', 'CUISINE', '20'],
    ['3', 'SALON', '15'],
    ['5', 'GARAGE', '30'],
  ];
  ctx.fillText('PANNEAU A', 600, 300);
  ctx.fillText('120/240 V 1 PH DISJ. PRINCIPAL 200 A', 250, 380);
  const cols = [250, 420, 1000];
  rows.forEach((cells, r) => {
    cells.forEach((text, c) => {
      ctx.fillText(text, cols[c] ?? 0, 480 + 80 * r);
    });
  });
  return letterScanOf(canvas);
}

/**
 * A scanned IEC distribution board: its table printed transposed (row names at the left, one
 * column per way) with the descriptions written upwards.
 */
async function scannedBoardPdf(): Promise<Uint8Array> {
  const { canvas, ctx } = paper(1700, 2200, 40);
  ctx.fillText('DB-KITCHEN', 200, 300);
  ctx.fillText('230V AC 1PH+N+E   MAIN SWITCH 63A', 200, 370);
  ctx.fillText('CIRCUIT NO', 200, 700);
  ctx.fillText('DESCRIPTION', 200, 950);
  ctx.fillText('BREAKER', 200, 1200);
  const ways: [string, string, string][] = [
    ['1', 'STOVE', '32A'],
    ['2', 'GEYSER', '20A'],
    ['3', 'LIGHTS', '10A'],
  ];
  ways.forEach(([n, description, breaker], i) => {
    const x = 700 + 220 * i;
    ctx.fillText(n, x, 700);
    ctx.fillText(breaker, x - 20, 1200);
    ctx.save();
    ctx.translate(x + 15, 1080);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(description, 0, 0);
    ctx.restore();
  });
  return letterScanOf(canvas);
}

async function textLayerPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, 792]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText('PANNEAU A', { x: 100, y: 700, size: 12, font });
  return pdf.save();
}

/** A letter page that is only an image of one printed line. */
async function scannedLinePage(pdf: PDFDocument, line: string): Promise<void> {
  const { canvas, ctx } = paper(1700, 600, 48);
  ctx.fillText(line, 150, 300);
  const png = await pdf.embedPng(await canvas.encode('png'));
  pdf.addPage([612, 216]).drawImage(png, { x: 0, y: 0, width: 612, height: 216 });
}

// One engine for the file, as an analysis thread keeps one: two workers, so pages are read in parallel.
let shared: Promise<OcrEngine> | undefined;
const engine = (): Promise<OcrEngine> => {
  shared ??= createTesseractEngine({ workers: 2 });
  return shared;
};
afterAll(async () => {
  await (await shared)?.terminate();
});

describe('readMissingText', () => {
  it('reads a scanned panel schedule by OCR: words marked ocr with confidences, a warning, the schedule found', async () => {
    const data = await scannedSchedulePdf();
    const doc = await extractDocument(data);
    const { doc: read, reports } = await readMissingText(data, doc, engine);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.words).toBeGreaterThan(15);
    const analysis = analyzePlan(read, { locale: 'en' });
    const page = analysis.pages[0];
    expect(page?.ocrWords?.every((w) => w.source === 'ocr' && w.confidence > 0 && w.confidence <= 1)).toBe(
      true,
    );
    expect(page?.ocrWords?.map((w) => w.text)).toEqual(
      expect.arrayContaining(['PANNEAU', 'CUISINE', 'GARAGE']),
    );
    // The title sits at y = 300 px of 2200 → 792 × (1 - 300/2200) ≈ 684 pt from the bottom.
    const title = page?.ocrWords?.find((w) => w.text === 'PANNEAU');
    expect(title?.bbox[1]).toBeGreaterThan(675);
    expect(title?.bbox[3]).toBeLessThan(700);
    expect(analysis.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['ocr_text', 'scanned_page']),
    );
    expect(analysis.warnings.find((w) => w.code === 'ocr_text')?.message).toMatch(/words read by OCR/);
    expect(page?.panels).toEqual([
      expect.objectContaining({
        name: 'A',
        voltage: '120/240 V',
        phases: 1,
        mainA: 200,
        positionCount: 5,
        circuits: [
          expect.objectContaining({ number: 1, description: 'CUISINE', amps: 20 }),
          expect.objectContaining({ number: 3, description: 'SALON', amps: 15 }),
          expect.objectContaining({ number: 5, description: 'GARAGE', amps: 30 }),
        ],
      }),
    ]);
  }, 180_000);

  it('reads the pages of a scanned set on two workers at once and reports them in page order', async () => {
    const pdf = await PDFDocument.create();
    const lines = ['CUISINE PRISES 20 A', 'GARAGE CHAUFFE-EAU 30 A', 'SALON GRADATEUR 15 A'];
    for (const line of lines) await scannedLinePage(pdf, line);
    const data = await pdf.save();
    const e = await engine();
    expect(e.concurrency).toBe(2);
    const { doc, reports } = await readMissingText(data, await extractDocument(data), engine);
    expect(reports.map((r) => r.page)).toEqual([1, 2, 3]);
    // Each page keeps its own words: a page's words are not merged into another's.
    const words = doc.pages.map((p) => p.textItems.filter((t) => t.source === 'ocr').map((t) => t.str));
    expect(words[0]).toEqual(expect.arrayContaining(['CUISINE']));
    expect(words[1]).toEqual(expect.arrayContaining(['GARAGE']));
    expect(words[2]).toEqual(expect.arrayContaining(['SALON']));
    expect(words[0]).not.toContain('GARAGE');
  }, 180_000);

  it('reads the upward descriptions of a transposed board table by reading the page turned', async () => {
    const data = await scannedBoardPdf();
    const doc = await extractDocument(data);
    const { doc: read } = await readMissingText(data, doc, engine);
    const page = analyzePlan(read, { locale: 'en' }).pages[0];
    expect(page?.panels).toEqual([
      expect.objectContaining({
        name: 'DB-KITCHEN',
        voltage: '230 V',
        phases: 1,
        mainA: 63,
        circuits: [
          expect.objectContaining({ number: 1, description: 'STOVE', amps: 32 }),
          expect.objectContaining({ number: 2, description: 'GEYSER', amps: 20 }),
          expect.objectContaining({ number: 3, description: 'LIGHTS', amps: 10 }),
        ],
      }),
    ]);
  }, 180_000);

  it('traces a scanned sheet into outlines without its words and counts its symbols', async () => {
    // A letter scan at 200 dpi: a legend (a ring beside "CEILING LIGHT FIXTURE"), a title line
    // with a dash between two words, and a room holding three rings, one against its wall.
    const { canvas, ctx } = paper(1700, 2200, 36);
    const ring = (x: number, y: number) => {
      ctx.beginPath();
      ctx.arc(x, y, 22, 0, 2 * Math.PI);
      ctx.lineWidth = 4;
      ctx.stroke();
    };
    ctx.fillText('LEGEND', 1100, 300);
    ring(1130, 380);
    ctx.fillText('CEILING LIGHT FIXTURE', 1200, 393);
    ctx.fillText('GROUPE VOLTAM — QUEBEC', 1100, 1900);
    ctx.lineWidth = 24;
    ctx.strokeRect(150, 600, 800, 800);
    for (const [x, y] of [
      [400, 900],
      [700, 1100],
      [550, 1365],
    ] as const)
      ring(x, y);
    const data = await letterScanOf(canvas);
    const { doc: read } = await readMissingText(data, await extractDocument(data), engine);
    const page = read.pages[0];
    const traced = page?.paths.filter((p) => p.source === 'scan') ?? [];
    expect(traced.length).toBeGreaterThan(5);
    // No outline left in the words or between them (the dash): 1900 px → 792 × (1 − 1900/2200) pt.
    const titleY = 792 * (1 - 1900 / 2200);
    expect(
      traced.filter((p) => p.bbox[0] > 1100 * 0.36 && p.bbox[1] > titleY - 2 && p.bbox[3] < titleY + 14),
    ).toEqual([]);
    const analysis = analyzePlan(read, { locale: 'en' });
    expect(analysis.counts.byType).toEqual({ luminaire: 3 });
    expect(analysis.warnings.find((w) => w.code === 'scanned_page')?.message).toMatch(/outlines traced/);
  }, 180_000);

  it('leaves pages with a text layer alone and never starts the engine', async () => {
    const data = await textLayerPdf();
    const doc = await extractDocument(data);
    const result = await readMissingText(data, doc, () => Promise.reject(new Error('engine started')));
    expect(result.reports).toEqual([]);
    expect(result.doc).toBe(doc);
  });
});

describe('OCR engine block layout', () => {
  it('reads a column of one-character words stacked with paper between them, in order', async () => {
    // What `readShortWords` hands the engine: short words cut from a sheet, one per row.
    const { canvas, ctx } = paper(300, 700, 48);
    ['1', '2', '3', '4', '5'].forEach((d, i) => {
      ctx.fillText(d, 120, 100 + 120 * i);
    });
    const grey = canvas.getContext('2d').getImageData(0, 0, 300, 700).data;
    const header = Buffer.from('P5\n300 700\n255\n', 'ascii');
    const pixels = Buffer.alloc(300 * 700);
    for (let i = 0; i < pixels.length; i++) pixels[i] = grey[4 * i] as number;
    const words = await (await engine()).recognize(Buffer.concat([header, pixels]), { layout: 'block' });
    expect(words.map((w) => w.text)).toEqual(['1', '2', '3', '4', '5']);
    expect(words.every((w, i) => i === 0 || w.y0 > (words[i - 1]?.y1 ?? 0))).toBe(true);
  }, 120_000);
});
