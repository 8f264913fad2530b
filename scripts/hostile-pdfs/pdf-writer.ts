/**
 * A minimal PDF byte writer for hand-built files: numbered objects, an xref table whose offsets
 * can be made wrong on purpose, and a trailer. pdf-lib refuses to write most hostile structures
 * (bad xrefs, encryption dictionaries, exponential form graphs), so these are written by hand.
 */

const encoder = new TextEncoder();

export type PdfObjectBody = string | Uint8Array;

/** An indirect object: `n 0 obj … endobj`. Streams are written with `stream()`. */
export type PdfObject = { num: number; body: PdfObjectBody };

export type XrefMode =
  /** Correct offsets. */
  | 'valid'
  /** Every offset points 7 bytes too far (a file edited without updating its xref). */
  | 'shifted'
  /** `startxref` points past the end of the file. */
  | 'bad-startxref'
  /** No xref table, no trailer keyword: only `startxref` to nowhere. */
  | 'missing';

export type WriteOptions = {
  /** Trailer entries besides /Size, e.g. `/Root 1 0 R /ID [<…><…>]`. */
  trailer: string;
  xref?: XrefMode;
  /** The header version, default 1.7. */
  version?: string;
};

export function bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A stream object body: `<< dict /Length n >> stream … endstream`. */
export function stream(dict: string, data: Uint8Array | string): Uint8Array {
  const payload = typeof data === 'string' ? bytes(data) : data;
  return concat([bytes(`<< ${dict} /Length ${payload.length} >>\nstream\n`), payload, bytes('\nendstream')]);
}

/**
 * Serialises objects (numbered 1…n, in any order) into a complete PDF file. The binary comment
 * after the header marks the file as binary, as writers do.
 */
export function writePdf(objects: readonly PdfObject[], opts: WriteOptions): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [bytes(`%PDF-${opts.version ?? '1.7'}\n%\xe2\xe3\xcf\xd3\n`)];
  let offset = parts[0]?.length ?? 0;
  const offsets = new Map<number, number>();
  for (const obj of objects) {
    offsets.set(obj.num, offset);
    const body = typeof obj.body === 'string' ? bytes(obj.body) : obj.body;
    const chunk = concat([bytes(`${obj.num} 0 obj\n`), body, bytes('\nendobj\n')]);
    parts.push(chunk);
    offset += chunk.length;
  }
  const size = Math.max(0, ...objects.map((o) => o.num)) + 1;
  const mode = opts.xref ?? 'valid';
  const xrefAt = offset;
  if (mode !== 'missing') {
    const shift = mode === 'shifted' ? 7 : 0;
    let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
    for (let n = 1; n < size; n++) {
      const at = offsets.get(n);
      table +=
        at === undefined ? '0000000000 65535 f \n' : `${String(at + shift).padStart(10, '0')} 00000 n \n`;
    }
    table += `trailer\n<< /Size ${size} ${opts.trailer} >>\n`;
    parts.push(bytes(table));
    offset += table.length;
  }
  const startxref = mode === 'bad-startxref' ? offset + 100_000 : mode === 'missing' ? 999_999_999 : xrefAt;
  parts.push(bytes(`startxref\n${startxref}\n%%EOF\n`));
  return concat(parts);
}

/** A one-font page set-up shared by the hand-built files: catalog 1, pages 2, font 3. */
export const helvetica = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

/** PDF literal string escaping for ASCII text. */
export function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}
