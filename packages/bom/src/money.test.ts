import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  divCeil,
  divRoundHalfUp,
  formatCad,
  formatScaledInt,
  parseCad,
  parseDecimal,
  parseScaledInt,
  quebecTaxes,
  toCents,
} from './money.ts';

describe('divRoundHalfUp', () => {
  it.each([
    [5, 2, 3], // 2.5 → 3
    [-5, 2, -3], // half away from zero
    [4, 3, 1], // 1.33 → 1
    [2, 3, 1], // 0.67 → 1
    [1, 3, 0],
    [6562500, 100_000, 66], // 65.625 → 66 (not banker's 66 vs 65.6)
    [656250, 10_000, 66],
    [656249, 10_000, 66],
    [654999, 10_000, 65],
  ])('%i / %i → %i', (n, d, expected) => {
    expect(divRoundHalfUp(n, d)).toBe(expected);
  });

  it('is exact beyond the float range of the intermediate product', () => {
    // 2^60 + 1 is not representable as a double; BigInt keeps it.
    expect(divRoundHalfUp(2n ** 60n + 1n, 2n ** 10n)).toBe(2 ** 50);
  });

  it('divCeil rounds up exactly and rejects bad denominators', () => {
    expect(divCeil(7500, 75)).toBe(100);
    expect(divCeil(7501, 75)).toBe(101);
    expect(() => divCeil(1, 0)).toThrow(RangeError);
  });
});

describe('quebecTaxes', () => {
  it('matches Revenu Québec’s worked example: $100 → TPS $5.00, TVQ $9.98', () => {
    expect(quebecTaxes(toCents(10_000))).toEqual({ tpsCents: 500, tvqCents: 998 });
  });

  it('computes TVQ on the pre-tax amount, never on the TPS-included price', () => {
    // $1000: TVQ = 1000 × 9.975 % = 99.75 (tax on tax would give 104.74).
    expect(quebecTaxes(toCents(100_000)).tvqCents).toBe(9_975);
  });

  it('rounds each tax half up to the cent independently', () => {
    // 10 ¢: TPS 0.5 ¢ → 1 ¢; TVQ 0.9975 ¢ → 1 ¢. 9 ¢: TPS 0.45 → 0; TVQ 0.89775 → 1.
    expect(quebecTaxes(toCents(10))).toEqual({ tpsCents: 1, tvqCents: 1 });
    expect(quebecTaxes(toCents(9))).toEqual({ tpsCents: 0, tvqCents: 1 });
    // 102 667 ¢ × 9.975 % = 10 241.03325 ¢ → 10 241; × 5 % = 5 133.35 → 5 133.
    expect(quebecTaxes(toCents(102_667))).toEqual({ tpsCents: 5_133, tvqCents: 10_241 });
  });
});

describe('parseCad / formatCad', () => {
  it.each([
    ['1 234,56 $', 123_456],
    ['1\u00a0234,56\u00a0$', 123_456],
    ['1\u202f234,56 $', 123_456],
    ['$1,234.56', 123_456],
    ['CA$12.50', 1_250],
    ['12.50 CAD', 1_250],
    ['12,50', 1_250],
    ['12,5', 1_250],
    ['12.5', 1_250],
    ['$1,234', 123_400],
    ['1 234 $', 123_400],
    ['0,07', 7],
    ['-3,10 $', -310],
    ['1.234,56', 123_456],
  ])('parses %j as %i cents', (text, cents) => {
    expect(parseCad(text)).toBe(cents);
  });

  it.each(['', 'abc', '12,505', '1,2,3', '12..5', '$', '1 2x'])('rejects %j', (text) => {
    expect(parseCad(text)).toBeNull();
  });

  it('formats exactly as Intl does for fr-CA and en-CA', () => {
    for (const cents of [0, 5, 99, 100, 123_456, 100_000_000, -123_456, 987_654_321_098]) {
      for (const [lang, locale] of [
        ['fr', 'fr-CA'],
        ['en', 'en-CA'],
      ] as const) {
        const intl = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CAD' }).format(
          cents / 100,
        );
        expect(formatCad(toCents(cents), lang)).toBe(intl);
      }
    }
  });

  it('round-trips any amount through format and parse in both languages', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom('fr', 'en'), (cents, lang) => {
        expect(parseCad(formatCad(toCents(cents), lang as 'fr' | 'en'))).toBe(cents);
      }),
    );
  });

  it('refuses a non-integer number of cents', () => {
    expect(() => toCents(1.5)).toThrow(RangeError);
    expect(() => toCents(2 ** 53)).toThrow(RangeError);
  });
});

describe('parseDecimal', () => {
  it('reads decimal comma and point, with thousands groups', () => {
    expect(parseScaledInt('1 234,5678', 4)).toBe(12_345_678);
    expect(parseScaledInt('0,25', 4)).toBe(2_500);
    expect(parseScaledInt('1,234,567', 0)).toBe(1_234_567);
    expect(parseScaledInt('1,5', 0)).toBeNull(); // more decimals than the scale allows
    expect(parseDecimal('1,234', '.')).toEqual({
      negative: false,
      integerDigits: '1234',
      fractionDigits: '',
    });
    expect(formatScaledInt(27_500, 4, ',')).toBe('2,75');
  });
});
