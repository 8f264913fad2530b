import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { FIXED_DATE } from './render.ts';
import { Rng } from './rng.ts';
import type { PlanTruth } from './truth.ts';

/**
 * Edge fixtures: a scanned (image-only) plan, a truncated PDF and a PNG renamed .pdf. The
 * raster is drawn in memory (walls, a few device circles, text-like strokes, scanner speckle)
 * so no binary source file is needed.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Encodes an 8-bit greyscale image as PNG (filter 0 on every row). */
export function encodePngGray(width: number, height: number, pixels: Uint8Array): Uint8Array {
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', new Uint8Array(deflateSync(raw, { level: 9 }))),
    chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A 100 dpi "scan" of a small floor plan (letter landscape: 1100 × 850 px). */
export function scannedPlanImage(seed = 77): { width: number; height: number; png: Uint8Array } {
  const width = 1100;
  const height = 850;
  const px = new Uint8Array(width * height).fill(246);
  const rng = new Rng(seed);
  const rect = (x: number, y: number, w: number, h: number, value: number): void => {
    for (let yy = Math.max(0, y); yy < Math.min(height, y + h); yy++)
      for (let xx = Math.max(0, x); xx < Math.min(width, x + w); xx++) px[yy * width + xx] = value;
  };
  const ring = (cx: number, cy: number, r: number): void => {
    for (let a = 0; a < 360; a += 2) {
      const x = Math.round(cx + r * Math.cos((a * Math.PI) / 180));
      const y = Math.round(cy + r * Math.sin((a * Math.PI) / 180));
      rect(x, y, 2, 2, 30);
    }
  };
  // Border, walls with door gaps, device circles, text-like strokes.
  rect(20, 20, 1060, 3, 20);
  rect(20, 827, 1060, 3, 20);
  rect(20, 20, 3, 810, 20);
  rect(1077, 20, 3, 810, 20);
  const [x0, y0, x1, y1] = [120, 120, 820, 620];
  rect(x0, y0, x1 - x0, 10, 25);
  rect(x0, y1, x1 - x0 + 10, 10, 25);
  rect(x0, y0, 10, y1 - y0, 25);
  rect(x1, y0, 10, y1 - y0, 25);
  rect(x0, 380, 260, 6, 25);
  rect(440, 380, 380, 6, 25);
  rect(460, y0, 6, 260, 25);
  rect(300, 386, 6, 234, 25);
  for (let i = 0; i < 18; i++) ring(rng.int(150, 790), rng.int(150, 590), 7);
  for (let i = 0; i < 40; i++) rect(rng.int(860, 1040), 60 + i * 18, rng.int(30, 150), 4, 60);
  for (let i = 0; i < 3000; i++) rect(rng.int(0, width - 1), rng.int(0, height - 1), 1, 1, rng.int(120, 200));
  return { width, height, png: encodePngGray(width, height, px) };
}

/** An image-only PDF page: no text layer, no vector drawing. */
export async function scannedPlanPdf(): Promise<{ pdf: Uint8Array; truth: PlanTruth }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  doc.setProducer('Scanner (simulated by scripts/plans)');
  const { png } = scannedPlanImage();
  const image = await doc.embedPng(png);
  const page = doc.addPage([792, 612]);
  page.drawImage(image, { x: 0, y: 0, width: 792, height: 612 });
  const pdf = await doc.save({ useObjectStreams: true });
  const truth: PlanTruth = {
    name: 'scanned-plan',
    seed: 77,
    language: 'fr',
    summary:
      'image-only page (a scan): no text layer, no vector symbols; analysis must warn scanned_page and invent no counts',
    expectedWarnings: ['scanned_page'],
    pages: [
      {
        number: 1,
        widthPt: 792,
        heightPt: 612,
        rotation: 0,
        kind: 'scanned',
        scale: null,
        legend: [],
        rooms: [],
        symbols: [],
        panels: [],
      },
    ],
    counts: { byType: {}, byRoom: {}, bySheet: {} },
  };
  return { pdf, truth };
}

/**
 * A PDF cut short: the header and the first ~35 % of a real plan survive, the cross-reference
 * data and the object streams holding the catalogue and page tree do not.
 */
export function truncatePdf(pdf: Uint8Array, keep = 0.35): Uint8Array {
  return pdf.slice(0, Math.floor(pdf.length * keep));
}
