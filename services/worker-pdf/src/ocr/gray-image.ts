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
