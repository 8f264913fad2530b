import { describe, expect, it } from 'vitest';
import { formatNumber, formatQuantity, round } from './format.ts';

describe('number format (GLOSSARY.md)', () => {
  it.each([
    { value: 38_200, unit: 'W', fr: '38\u202F200\u00A0W', en: '38,200\u00A0W' },
    { value: 159.2, unit: 'A', fr: '159,2\u00A0A', en: '159.2\u00A0A' },
    { value: 2.8, unit: '%', fr: '2,8\u00A0%', en: '2.8%' },
    { value: 1_234_567.891, unit: 'W', fr: '1\u202F234\u202F567,89\u00A0W', en: '1,234,567.89\u00A0W' },
  ])('$value $unit', ({ value, unit, fr, en }) => {
    expect(formatQuantity(value, unit, 'fr')).toBe(fr);
    expect(formatQuantity(value, unit, 'en')).toBe(en);
  });

  it('drops trailing zeros and rounds half away from zero', () => {
    expect(formatNumber(5000, 'fr')).toBe('5\u202F000');
    expect(formatNumber(0.105, 'en', 2)).toBe('0.11');
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(1e-9, 2)).toBe(0);
    expect(round(-2.5, 0)).toBe(-3);
    expect(formatNumber(-1234.5, 'fr')).toBe('-1\u202F234,5');
  });
});
