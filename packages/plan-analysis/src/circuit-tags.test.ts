import { describe, expect, it } from 'vitest';
import { attachCircuitTags, isCircuitTag } from './circuit-tags.ts';

describe('isCircuitTag', () => {
  it.each([
    ['A-12', true],
    ['P1-3', true],
    ['LP-2', true],
    ['A-1,3', true],
    ['a-12', true],
    ['LP1-3,5', true],
    ['2LA-3', true],
    ['LP1A-12', true],
    ['1HA-2,4,6', true],
    ['12A-3', false],
    ['C12', false],
    ['12', false],
    ['S3', false],
    ['2025-01-10', false],
  ])('%s → %s', (text, expected) => {
    expect(isCircuitTag(text)).toBe(expected);
  });
});

describe('attachCircuitTags', () => {
  const symbol = (x: number, y: number) => ({
    x,
    y,
    bbox: [x - 4, y - 4, x + 4, y + 4] as [number, number, number, number],
    size: 8,
  });

  it('gives each tag to the nearest symbol, within reach', () => {
    const tags = attachCircuitTags(
      [symbol(100, 100), symbol(130, 100), symbol(300, 300)],
      [
        { text: 'A-1', bbox: [106, 104, 116, 110] },
        { text: 'A-2', bbox: [136, 104, 146, 110] },
        // Too far from everything (more than 2.5 symbol sizes).
        { text: 'A-9', bbox: [400, 400, 410, 406] },
      ],
    );
    expect(tags).toEqual(['A-1', 'A-2', null]);
  });

  it('keeps the nearest of two tags that chose the same symbol', () => {
    const tags = attachCircuitTags(
      [symbol(100, 100)],
      [
        { text: 'A-3', bbox: [110, 100, 120, 106] },
        { text: 'A-4', bbox: [105, 100, 115, 106] },
      ],
    );
    expect(tags).toEqual(['A-4']);
  });
});
