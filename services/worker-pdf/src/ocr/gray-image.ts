/**
 * An RGBA bitmap as a binary PGM (P5) image: 8-bit grey, no compression. Leptonica (inside
 * tesseract.js) reads PNM directly, so a rendered page goes to OCR without a PNG encode and
 * decode (≈ 0.6–0.9 s a page at 200 dpi, measured in docs/benchmarks.md) and with a quarter of
 * the RGBA bytes. Grey is ITU-R BT.601 luma in integer arithmetic; alpha is ignored (the page is
 * painted white before rendering).
 */
export function grayPnm(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`grayPnm: bad size ${width} × ${height}`);
  }
  if (rgba.length !== width * height * 4) {
    throw new RangeError(`grayPnm: ${rgba.length} bytes for ${width} × ${height} RGBA pixels`);
  }
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii');
  const out = Buffer.allocUnsafe(header.length + width * height);
  header.copy(out);
  let o = header.length;
  for (let i = 0; i < rgba.length; i += 4) {
    // 0.299 R + 0.587 G + 0.114 B, scaled by 256 (77 + 150 + 29 = 256): white stays 255.
    out[o++] = ((rgba[i] as number) * 77 + (rgba[i + 1] as number) * 150 + (rgba[i + 2] as number) * 29) >> 8;
  }
  return out;
}

/**
 * Erases, in place, the straight horizontal and vertical runs of dark pixels at least `minRunPx`
 * long in a grey image (`pixels`, row by row, `width` × `height`): the ruling lines of tables and
 * title blocks, walls. Tesseract reads a cell border touching a letter as part of it ("[RECEPT",
 * "€IR") and drops the short circuit numbers squeezed between two rules; a letter's strokes are
 * never that long. Both directions are found on the original image, then painted white.
 */
export function eraseLongRules(pixels: Uint8Array, width: number, height: number, minRunPx: number): void {
  if (pixels.length !== width * height) {
    throw new RangeError(`eraseLongRules: ${pixels.length} pixels for ${width} × ${height}`);
  }
  const DARK = 160;
  const erase = new Uint8Array(pixels.length);
  for (let y = 0; y < height; y++) {
    let start = -1;
    const row = y * width;
    for (let x = 0; x <= width; x++) {
      const dark = x < width && (pixels[row + x] as number) < DARK;
      if (dark && start < 0) start = x;
      else if (!dark && start >= 0) {
        if (x - start >= minRunPx) erase.fill(1, row + start, row + x);
        start = -1;
      }
    }
  }
  for (let x = 0; x < width; x++) {
    let start = -1;
    for (let y = 0; y <= height; y++) {
      const dark = y < height && (pixels[y * width + x] as number) < DARK;
      if (dark && start < 0) start = y;
      else if (!dark && start >= 0) {
        if (y - start >= minRunPx) for (let k = start; k < y; k++) erase[k * width + x] = 1;
        start = -1;
      }
    }
  }
  for (let i = 0; i < pixels.length; i++) if (erase[i] === 1) pixels[i] = 255;
}
