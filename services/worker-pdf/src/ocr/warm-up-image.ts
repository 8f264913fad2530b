import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { grayPnm } from './gray-image.ts';

const FAMILY = 'SaeqOcrWarmUp';
let registered = false;

/**
 * A small image of a few printed lines (a schedule's rows), read once by each new tesseract.js
 * worker before its first page. A worker's first page costs ~2–3 × a later one (seen on this
 * machine: 9.5 s then 5.2 s, and 3.7 s then 2.5 s after this warm-up, same page, same load), so the
 * warm-up moves that cost to the engine's start (once per analysis thread) instead of the first
 * plan's page. A blank image does not warm it (Tesseract finds no text line to run its LSTM on),
 * hence real glyphs: Liberation Sans as pdfjs-dist ships it, so no system font is needed.
 */
export function warmUpImage(): Buffer {
  if (!registered) {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    GlobalFonts.registerFromPath(join(root, 'standard_fonts', 'LiberationSans-Regular.ttf'), FAMILY);
    registered = true;
  }
  const width = 1200;
  const height = 320;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000000';
  ctx.font = `30px ${FAMILY}`;
  const lines = [
    'PANNEAU A 120/240 V 1 PH 200 A',
    '1 PRISES CUISINE 20 A',
    '3 CHAUFFE-EAU 30 A',
    '5 LUMINAIRES SALON 15 A',
  ];
  lines.forEach((line, i) => {
    ctx.fillText(line, 40, 60 + 70 * i);
  });
  return grayPnm(ctx.getImageData(0, 0, width, height).data, width, height);
}
