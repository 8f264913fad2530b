import { normalizeText } from '../vocabulary.ts';

/**
 * A drawing number as engineers print them: E-101, E101, E-001A, EL-2.1, E1.01, ÉL-200 (read
 * without accents), and with a project, phase or package prefix before the discipline letters:
 * P2-T4.00 (package P2, telecom sheet T4.00), 100-TYP-005. The prefix is letters and digits
 * with at least one digit, so "E-101" is never read as prefix "E" of something else.
 */
const SHEET_NUMBER =
  /\b(?:((?=[A-Z]*\d)[A-Z\d]{1,4})-)?([A-Z]{1,3})(-?)(\d{1,4}(?:\.\d{1,2})?[A-Z]?)(?![A-Z\d])/;
/** Title-block field names that precede the drawing number. */
const FIELD =
  /\b(feuille|sheet|no\.? (?:de )?dessin|dessin no\.?|drawing (?:no\.?|number)|planche)\b\s*:?\s*/gi;

/** A sheet number split the way the US National CAD Standard and Québec practice build it. */
export type SheetNumber = {
  /** As compared between revisions: "E-101", "P2-T-4.00" (a dash after the letters). */
  number: string;
  /** As printed, without accents and spaces ("P2-T4.00", "EL-200"). */
  printed: string;
  /** Project, phase or package prefix ("P2", "100"), or null. */
  prefix: string | null;
  /** Discipline designator letters ("E", "EL", "T", "FA", "M", "TYP"). */
  designator: string;
};

/** Parses the first sheet number in `text` (accents and case ignored), or null. */
export function parseSheetNumber(text: string): SheetNumber | null {
  const found = SHEET_NUMBER.exec(normalizeText(text).toUpperCase());
  if (!found) return null;
  const [, prefix, designator = '', dash = '', rest = ''] = found;
  const head = prefix ? `${prefix}-` : '';
  return {
    number: `${head}${designator}-${rest}`,
    printed: `${head}${designator}${dash}${rest}`,
    prefix: prefix ?? null,
    designator,
  };
}

/**
 * The sheet number of a page from its text: the value of the title block's FEUILLE / SHEET /
 * DESSIN NO field, else the only drawing number on the page with three digits (E-101, E201A) or
 * a decimal sheet part (E1.01, P2-T4.00) — circuit tags (A-12, P1-3) have neither. Null when
 * neither is found or it is ambiguous.
 */
export function sheetNumberOf(text: string): string | null {
  return sheetNumberPartsOf(text)?.number ?? null;
}

/** `sheetNumberOf` with the number's prefix and discipline designator. */
export function sheetNumberPartsOf(text: string): SheetNumber | null {
  for (const m of text.matchAll(FIELD)) {
    const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 24);
    const parsed = parseSheetNumber(after);
    if (parsed) return parsed;
  }
  const distinct = new Map<string, SheetNumber>();
  for (const m of normalizeText(text)
    .toUpperCase()
    .matchAll(
      /\b(?:[A-Z]{1,2}-?\d{3}[A-Z]?|(?:(?=[A-Z]*\d)[A-Z\d]{1,4}-)?[A-Z]{1,2}-?\d{1,2}\.\d{2})(?![\w.])/g,
    )) {
    const parsed = parseSheetNumber(m[0]);
    if (parsed) distinct.set(parsed.number, parsed);
  }
  return distinct.size === 1 ? ([...distinct.values()][0] ?? null) : null;
}
