import type { Lang } from './lang.ts';

// GLOSSARY.md: French output uses a decimal comma, a thin space as thousands separator and a
// space before units — `38 200 W`, `159,2 A`, `2,8 %`. We use U+202F (narrow no-break space) for
// thousands and U+00A0 (no-break space) before units so numbers never wrap across lines.
const THOUSANDS_FR = '\u202F';
const UNIT_SPACE = '\u00A0';

/**
 * Rounds half away from zero to `decimals` places, on the decimal representation (so 1.005 → 1.01,
 * not the 1.00 that binary `1.005 * 100` gives).
 */
export function round(value: number, decimals = 2): number {
  const abs = Math.abs(value);
  const text = String(abs);
  if (text.includes('e')) return (Math.sign(value) * Math.round(abs * 10 ** decimals)) / 10 ** decimals;
  const shifted = Math.round(Number(`${text}e${decimals}`));
  return Math.sign(value) * Number(`${shifted}e-${decimals}`);
}

/** Formats a number for display: at most `maxDecimals` decimals, trailing zeros dropped. */
export function formatNumber(value: number, lang: Lang, maxDecimals = 2): string {
  const rounded = round(value, maxDecimals);
  const negative = rounded < 0;
  const [intPart = '0', fracPart = ''] = Math.abs(rounded).toFixed(maxDecimals).split('.');
  const trimmedFrac = fracPart.replace(/0+$/, '');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? THOUSANDS_FR : ',');
  const body = trimmedFrac ? `${grouped}${lang === 'fr' ? ',' : '.'}${trimmedFrac}` : grouped;
  return negative ? `-${body}` : body;
}

/** Formats a quantity with its unit: `5 000 W` (fr), `5,000 W` (en), `2,8 %` (fr), `2.8%` (en). */
export function formatQuantity(value: number, unit: string, lang: Lang, maxDecimals = 2): string {
  const number = formatNumber(value, lang, maxDecimals);
  if (unit === '%' && lang === 'en') return `${number}%`;
  return `${number}${UNIT_SPACE}${unit}`;
}

export const formatW = (value: number, lang: Lang): string => formatQuantity(value, 'W', lang, 1);
export const formatA = (value: number, lang: Lang): string => formatQuantity(value, 'A', lang, 1);
export const formatV = (value: number, lang: Lang): string => formatQuantity(value, 'V', lang, 2);
export const formatPercent = (value: number, lang: Lang): string => formatQuantity(value, '%', lang, 2);
export const formatM2 = (value: number, lang: Lang): string => formatQuantity(value, 'm²', lang, 2);
export const formatML = (value: number, lang: Lang): string => formatQuantity(value, 'mL', lang, 1);
export const formatM = (value: number, lang: Lang): string => formatQuantity(value, 'm', lang, 2);
export const formatC = (value: number, lang: Lang): string => formatQuantity(value, '°C', lang, 1);
/** A dimensionless factor such as 0,88. */
export const formatFactor = (value: number, lang: Lang): string => formatNumber(value, lang, 4);
