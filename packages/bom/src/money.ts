import { z } from 'zod';
import type { Lang } from './localized-text.ts';

/**
 * Money is an integer number of cents, branded so that a plain number (a dollar amount, a
 * quantity) cannot be passed where cents are expected.
 *
 * Why a branded `number` rather than `bigint`: every amount a bill of materials can reach fits
 * comfortably in the safe-integer range (2^53 cents ≈ 90 000 billion dollars), numbers
 * serialise to JSON and Excel as they are, and they are much faster in the 10 000-device hot
 * path. The only place where an intermediate product could leave the safe range
 * (quantity × hours × rate, price × discount) goes through `BigInt` in `divRoundHalfUp`.
 * `toCents` refuses anything that is not a safe integer, so a float can never sneak in.
 */
export const Cents = z.number().int().refine(Number.isSafeInteger, 'not a safe integer').brand<'Cents'>();
export type Cents = z.infer<typeof Cents>;
/** Same brand, for prices and totals that cannot be negative. */
export const NonNegativeCents = z
  .number()
  .int()
  .nonnegative()
  .refine(Number.isSafeInteger, 'not a safe integer')
  .brand<'Cents'>();

/** The single checked entry point from `number` to `Cents`. Throws RangeError on a non-integer. */
export function toCents(value: number): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`cents must be a safe integer, got ${value}`);
  return value as Cents;
}

export const ZERO_CENTS: Cents = toCents(0);

/** Exact sum of amounts in cents. */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) total += v;
  return toCents(total);
}

/** Dollars as a JSON number (e.g. 123456 → 1234.56): for display and the API only, never for arithmetic. */
export function centsToDollars(cents: Cents): number {
  return cents / 100;
}

/**
 * `numerator / denominator` rounded half up (half away from zero for negatives), computed exactly
 * with BigInt. Revenu Québec: "Only fractions equal to or greater than one-half of a cent
 * ($0.005) are counted as a whole cent" — the same rule is used for every rounded amount here.
 * Throws RangeError when the denominator is not positive or the result is not a safe integer.
 */
export function divRoundHalfUp(numerator: bigint | number, denominator: bigint | number): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d <= 0n) throw new RangeError('denominator must be positive');
  const abs = n < 0n ? -n : n;
  const q = (2n * abs + d) / (2n * d);
  const result = Number(n < 0n ? -q : q);
  if (!Number.isSafeInteger(result)) throw new RangeError('result out of safe range');
  return result;
}

/** `numerator / denominator` rounded up to the next integer (non-negative inputs), exact. */
export function divCeil(numerator: bigint | number, denominator: bigint | number): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d <= 0n || n < 0n)
    throw new RangeError('divCeil expects a non-negative numerator and positive denominator');
  return Number((n + d - 1n) / d);
}

/**
 * Tax rates in units of 1/100 000, so that 9.975 % is the integer 9975.
 * Sources: Revenu Québec, "Basic Rules for Applying the GST/HST and QST"
 * (https://www.revenuquebec.ca/en/businesses/consumption-taxes/gsthst-and-qst/basic-rules-for-applying-the-gsthst-and-qst/):
 * "GST … 5% on the selling price; QST … 9.975% on the selling price excluding the GST", and
 * "Calculating the Taxes" (revenuquebec.ca, tvq_tps/calcul-taxes): since 1 January 2013 both taxes
 * are computed on the same pre-tax amount ($100 → GST $5.00, QST $9.98, total $114.98); when
 * several goods or services are sold together the taxes may be computed on the total price.
 */
export const TAX_RATE_DENOMINATOR = 100_000;
export const TPS_RATE = 5_000; // 5 %
export const TVQ_RATE = 9_975; // 9.975 %

export interface Taxes {
  tpsCents: Cents;
  tvqCents: Cents;
}

/**
 * TPS (GST) and TVQ (QST) on a pre-tax subtotal: each is computed on the subtotal itself (never
 * tax on tax) and rounded half up to the cent independently.
 */
export function quebecTaxes(subtotal: Cents): Taxes {
  return {
    tpsCents: toCents(divRoundHalfUp(BigInt(subtotal) * BigInt(TPS_RATE), TAX_RATE_DENOMINATOR)),
    tvqCents: toCents(divRoundHalfUp(BigInt(subtotal) * BigInt(TVQ_RATE), TAX_RATE_DENOMINATOR)),
  };
}

/**
 * A decimal number as written by a person or a spreadsheet, parsed without floating point.
 * Accepts: "12,50", "12.50", "1 234,56" (space, no-break or thin space as thousands), "1,234.56",
 * "1.234,56", "-3", "+4,5". With `decimalMarkHint` the other mark groups thousands. Without it,
 * when both ',' and '.' occur the last one is the decimal mark; a lone mark is a decimal mark unless
 * it is repeated ("1,234,567"), in which case it groups thousands. Returns null when the text is
 * not a number (including misplaced thousands separators such as "12,34,5").
 */
export interface ParsedDecimal {
  negative: boolean;
  /** Digits before the decimal mark, no leading zeros except "0". */
  integerDigits: string;
  /** Digits after the decimal mark (may be ""). */
  fractionDigits: string;
}

const SPACES = /[\s\u00a0\u202f\u2009]/g;

export function parseDecimal(text: string, decimalMarkHint?: ',' | '.'): ParsedDecimal | null {
  let s = text.replace(SPACES, '');
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '' || !/^[0-9.,]+$/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let decimalMark: ',' | '.' | null = null;
  if (decimalMarkHint !== undefined) decimalMark = s.includes(decimalMarkHint) ? decimalMarkHint : null;
  else if (lastComma >= 0 && lastDot >= 0) decimalMark = lastComma > lastDot ? ',' : '.';
  else if (lastComma >= 0) decimalMark = s.indexOf(',') === lastComma ? ',' : null;
  else if (lastDot >= 0) decimalMark = s.indexOf('.') === lastDot ? '.' : null;
  let integerPart = s;
  let fractionDigits = '';
  if (decimalMark !== null) {
    const at = s.lastIndexOf(decimalMark);
    integerPart = s.slice(0, at);
    fractionDigits = s.slice(at + 1);
    if (!/^[0-9]*$/.test(fractionDigits)) return null;
  }
  // What remains before the decimal mark may only hold thousands separators between groups of 3.
  const groupMark = integerPart.includes(',') ? ',' : integerPart.includes('.') ? '.' : null;
  if (groupMark !== null) {
    const groups = integerPart.split(groupMark);
    const [head, ...rest] = groups;
    if (head === undefined || !/^[0-9]{1,3}$/.test(head) || rest.some((g) => !/^[0-9]{3}$/.test(g)))
      return null;
    integerPart = groups.join('');
  }
  if (!/^[0-9]*$/.test(integerPart) || (integerPart === '' && fractionDigits === '')) return null;
  const integerDigits = integerPart.replace(/^0+(?=\d)/, '') || '0';
  return { negative, integerDigits, fractionDigits };
}

/**
 * The decimal scaled by 10^scale as an exact integer (e.g. "12,5" at scale 2 → 1250).
 * Returns null when the text has more than `scale` significant decimals or is out of safe range.
 */
export function decimalToScaledInt(decimal: ParsedDecimal, scale: number): number | null {
  const fraction = decimal.fractionDigits.replace(/0+$/, '');
  if (fraction.length > scale) return null;
  const digits = decimal.integerDigits + fraction.padEnd(scale, '0');
  const value = Number(BigInt(digits)) * (decimal.negative ? -1 : 1);
  return Number.isSafeInteger(value) ? (value === 0 ? 0 : value) : null;
}

/** Convenience: parse text to an integer scaled by 10^scale, or null. */
export function parseScaledInt(text: string, scale: number, decimalMarkHint?: ',' | '.'): number | null {
  const decimal = parseDecimal(text, decimalMarkHint);
  return decimal === null ? null : decimalToScaledInt(decimal, scale);
}

/**
 * Parses a CAD amount as written in French ("1 234,56 $", "12,50$") or English ("$1,234.56",
 * "CA$12.50", "12.50 CAD"). A leading "$" means English conventions (decimal point), a trailing
 * "$" French ones (decimal comma); otherwise the marks are guessed as in `parseDecimal`.
 * Returns null when it is not an amount with at most two decimals.
 */
export function parseCad(text: string): Cents | null {
  const trimmed = text.trim().replace(/^[-+]/, '');
  const hint = /^(CA)?\$/i.test(trimmed) ? '.' : /\$$/.test(trimmed) ? ',' : undefined;
  const stripped = text.replace(/CAD|CA\$|\$/gi, '');
  const value = parseScaledInt(stripped, 2, hint);
  return value === null ? null : toCents(value);
}

const NBSP = '\u00a0';

/** Groups integer digits by three with the given separator. */
function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * Formats cents as CAD the way fr-CA and en-CA print it (same output as Intl, computed without
 * floating point): fr → "1 234,56 $" (no-break spaces), en → "$1,234.56"; negatives "-1 234,56 $"
 * and "-$1,234.56".
 */
export function formatCad(cents: Cents, lang: Lang): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = groupThousands(String(Math.trunc(abs / 100)), lang === 'fr' ? NBSP : ',');
  const fraction = String(abs % 100).padStart(2, '0');
  const sign = negative ? '-' : '';
  return lang === 'fr' ? `${sign}${whole},${fraction}${NBSP}$` : `${sign}$${whole}.${fraction}`;
}

/** Plain decimal text of cents for data files: "1234.56" or, with a decimal comma, "1234,56". */
export function formatCentsPlain(cents: Cents, decimalMark: ',' | '.'): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}${decimalMark}${String(abs % 100).padStart(2, '0')}`;
}

/** Formats an integer scaled by 10^scale with trailing zeros trimmed: (27500, 4) → "2.75". */
export function formatScaledInt(value: number, scale: number, decimalMark: ',' | '.'): string {
  const factor = 10 ** scale;
  const abs = Math.abs(value);
  const fraction = String(abs % factor)
    .padStart(scale, '0')
    .replace(/0+$/, '');
  const whole = `${value < 0 ? '-' : ''}${Math.trunc(abs / factor)}`;
  return fraction === '' ? whole : `${whole}${decimalMark}${fraction}`;
}
