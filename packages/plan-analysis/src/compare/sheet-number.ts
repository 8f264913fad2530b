import { normalizeText } from '../vocabulary.ts';

/** A drawing number as engineers print them: E-101, E101, E-001A, EL-2.1. */
const SHEET_NUMBER = /\b([A-Z]{1,3}-?\d{1,4}(?:\.\d{1,2})?[A-Z]?)\b/;
/** Title-block field names that precede the drawing number. */
const FIELD =
  /\b(feuille|sheet|no\.? (?:de )?dessin|dessin no\.?|drawing (?:no\.?|number)|planche)\b\s*:?\s*/gi;

/**
 * The sheet number of a page from its text: the value of the title block's FEUILLE / SHEET /
 * DESSIN NO field, else the only three-digit drawing number on the page (E-101) — circuit tags
 * (A-12, P1-3) have fewer digits. Null when neither is found or it is ambiguous.
 */
export function sheetNumberOf(text: string): string | null {
  for (const m of text.matchAll(FIELD)) {
    const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 24);
    const found = SHEET_NUMBER.exec(after.toUpperCase());
    if (found?.[1] && /\d/.test(found[1]) && /[A-Z]/.test(found[1]))
      return found[1].replace(/^([A-Z]+)(\d)/, '$1-$2');
  }
  const distinct = new Set<string>();
  for (const m of normalizeText(text)
    .toUpperCase()
    .matchAll(/\b([A-Z]{1,2}-?\d{3})\b/g)) {
    if (m[1]) distinct.add(m[1].replace(/^([A-Z]+)(\d)/, '$1-$2'));
  }
  return distinct.size === 1 ? ([...distinct][0] ?? null) : null;
}
