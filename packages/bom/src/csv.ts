import iconv from 'iconv-lite';

/**
 * Minimal RFC 4180 CSV reading and writing, shared by the catalogue import and the BOM export.
 * Reading accepts what Excel and LibreOffice write: quoted fields with embedded separators,
 * doubled quotes and line breaks; CRLF, LF or CR line ends; a final line with or without a break.
 */

export type CsvSeparator = ',' | ';' | '\t';

export interface CsvRecord {
  /** Physical line (1-based) on which the record starts. */
  line: number;
  fields: string[];
}

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number };

/**
 * Splits CSV text into records. Fails (with the line where the field started) only on an
 * unterminated quoted field; a quote inside an unquoted field is kept as a literal character.
 */
export function parseCsv(text: string, separator: CsvSeparator): CsvParseResult {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let atFieldStart = true;
  const length = text.length;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    atFieldStart = true;
  };
  while (i < length) {
    const ch = text[i];
    if (atFieldStart && ch === '"') {
      const quoteLine = line;
      i++;
      let closed = false;
      while (i < length) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === '\r' || c === '\n') {
          // Keep embedded line breaks as "\n", counting physical lines.
          if (c === '\r' && text[i + 1] === '\n') i++;
          line++;
          field += '\n';
          i++;
          continue;
        }
        field += c;
        i++;
      }
      if (!closed) return { ok: false, line: quoteLine };
      atFieldStart = false;
      continue;
    }
    if (ch === separator) {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      i++;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    atFieldStart = false;
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}

/**
 * The separator of a CSV file, from its header line: the candidate (`;`, `,`, tab) that occurs
 * most often outside quotes. Ties and a header without any → ','.
 */
export function detectSeparator(text: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  let best: CsvSeparator = ',';
  for (const candidate of [';', '\t'] as const) if (counts[candidate] > counts[best]) best = candidate;
  return best;
}

export type DetectedEncoding = 'utf-8' | 'windows-1252' | 'utf-16le';

/**
 * Decodes file bytes: UTF-8 with or without BOM; UTF-16 LE when it starts with its BOM (Excel's
 * "Unicode text"); otherwise bytes that are not valid UTF-8 are read as Windows-1252 (what Excel
 * on Windows writes for "CSV (séparateur: point-virgule)").
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Windows-1252 bytes to text (iconv-lite, in memory). */
export function decodeWindows1252(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252');
}

const NEEDS_QUOTES = /["\r\n]|^\s|\s$/;
// A text cell starting like a formula is neutralised (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: text is protected against formula injection and quoted when needed. */
export function csvField(value: string | number, separator: CsvSeparator): string {
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  if (NEEDS_QUOTES.test(text) || text.includes(separator)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** CSV text from rows, CRLF line ends (what Excel expects). */
export function formatCsv(
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
  separator: CsvSeparator,
): string {
  const lines = rows.map((row) => row.map((cell) => csvField(cell, separator)).join(separator));
  return `${lines.join('\r\n')}\r\n`;
}
