import type { Lang } from './types.ts';

/**
 * Number formats of each language: in French a decimal comma and a (narrow, non-breaking) space
 * before units and between thousands — `38 200 W`, `159,2 A`, `1 234,56 $` (GLOSSARY.md).
 */
const locale = (lang: Lang) => (lang === 'fr' ? 'fr-CA' : 'en-CA');
const NBSP = '\u00a0';

export function formatNumber(value: number, lang: Lang, maxDigits = 2): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: maxDigits }).format(value);
}

/** Value and unit with a non-breaking space: `38 200 W`. */
export function withUnit(value: number, unit: string, lang: Lang, maxDigits = 2): string {
  return `${formatNumber(value, lang, maxDigits)}${NBSP}${unit}`;
}

export function formatMoney(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'CAD' }).format(value);
}

/** An amount in integer cents (the API's unit for comparisons) as money. */
export function formatCents(cents: number, lang: Lang): string {
  return formatMoney(cents / 100, lang);
}

/**
 * A change in integer cents as money with its sign (`+1 234,56 $`, `−12,00 $`, `0,00 $`): a
 * delta reads differently from an amount. Cents are divided once here, never summed as dollars.
 */
export function formatSignedCents(cents: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), {
    style: 'currency',
    currency: 'CAD',
    signDisplay: 'exceptZero',
  }).format(cents / 100);
}

/** A change in a count or quantity with its sign: `+3`, `−1`, `0`. */
export function formatSignedNumber(value: number, lang: Lang, maxDigits = 2): string {
  return new Intl.NumberFormat(locale(lang), {
    maximumFractionDigits: maxDigits,
    signDisplay: 'exceptZero',
  }).format(value);
}

export function formatPercent(value: number, lang: Lang, maxDigits = 2): string {
  return withUnit(value, '%', lang, maxDigits);
}

export function formatBytes(bytes: number, lang: Lang): string {
  if (bytes < 1024) return withUnit(bytes, lang === 'fr' ? 'o' : 'B', lang);
  if (bytes < 1024 * 1024) return withUnit(bytes / 1024, lang === 'fr' ? 'ko' : 'KB', lang, 1);
  return withUnit(bytes / (1024 * 1024), lang === 'fr' ? 'Mo' : 'MB', lang, 1);
}

export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Parses a number typed by a person: decimal comma or point, spaces as thousands separators. */
export function parseDecimal(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}
