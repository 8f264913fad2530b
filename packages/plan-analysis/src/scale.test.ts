import { describe, expect, it } from 'vitest';
import { findPageScale, METRES_PER_POINT, parseScale } from './scale.ts';

describe('parseScale', () => {
  it.each([
    // 1:50 → 50 real units per paper unit; 1 pt = 0.0254/72 m.
    ['ÉCHELLE 1:50', 50],
    ['SCALE: 1 : 100', 100],
    ['Échelle 1/20', 20],
    // 1/4" = 1'-0": 12 in real per 0.25 in paper → ×48.
    ['1/4" = 1\'-0"', 48],
    ['SCALE: 1/8"=1\'-0"', 96],
    ['ÉCHELLE 3/16″ = 1′0″', 64],
    // 1 1/2" = 1'-0" → 12 / 1.5 = ×8.
    ['1 1/2" = 1\'-0"', 8],
    // Engineering scale 1" = 10' → 120 / 1 = ×120.
    ['1" = 10\'', 120],
    ['3/16 po = 1 pi 0 po', 64],
  ])('%s → ×%d', (text, ratio) => {
    const scale = parseScale(text);
    expect(scale?.metresPerPoint).toBeCloseTo(ratio * METRES_PER_POINT, 12);
    expect(scale?.text).toBe(text.trim());
  });

  it.each(['SANS ÉCHELLE', 'NTS', 'NOT TO SCALE', '2025/1/15', 'Circuit 1/2', '11:30', '1:3', 'PENTE 1:4'])(
    '%s → null',
    (text) => {
      expect(parseScale(text)).toBeNull();
    },
  );
});

describe('findPageScale', () => {
  it("is null when the main plan is N.T.S., whatever an enlarged view's scale says", () => {
    const scale = findPageScale([
      { text: 'SECOND FLOOR PLAN — POWER & LIGHTING', x: 82, y: 611, fontSize: 9 },
      { text: 'SCALE: N.T.S.', x: 82, y: 598, fontSize: 7 },
      { text: 'ENLARGED PLAN — TOILET CORE', x: 102, y: 72, fontSize: 9 },
      { text: 'SCALE: 1:25', x: 102, y: 59, fontSize: 7 },
    ]);
    expect(scale).toBeNull();
  });

  it.each(['ÉCHELLE : S.O.', 'SCALE: NONE', 'SCALE: N/A'])(
    'is null when the main plan says "%s" beside an enlarged view at 1:25',
    (noScale) => {
      const scale = findPageScale([
        { text: 'PLAN DU REZ-DE-CHAUSSÉE — ÉLECTRICITÉ', x: 82, y: 459, fontSize: 9 },
        { text: noScale, x: 82, y: 446, fontSize: 7 },
        { text: 'PLAN AGRANDI — NOYAU SANITAIRE', x: 102, y: 72, fontSize: 9 },
        { text: 'ÉCHELLE 1:25', x: 102, y: 59, fontSize: 7 },
      ]);
      expect(scale).toBeNull();
    },
  );

  it("still takes an enlarged view's scale when nothing says the main plan is not to scale", () => {
    const scale = findPageScale([
      { text: 'ENLARGED PLAN — TOILET CORE', x: 102, y: 72, fontSize: 9 },
      { text: 'SCALE: 1:25', x: 102, y: 59, fontSize: 7 },
    ]);
    expect(scale?.metresPerPoint).toBeCloseTo(25 * METRES_PER_POINT, 12);
  });

  it.each([
    ['SCALE: AS NOTED', 'A-101'],
    ['ÉCHELLE : TELLE QU’INDIQUÉE', '1/50'],
    ['ÉCHELLE COMME INDIQUÉE', '1/50'],
  ])('"%s" in a title block takes no value from the cell beside it (%s)', (label, beside) => {
    const scale = findPageScale([
      { text: label, x: 2318, y: 1521, fontSize: 6 },
      { text: beside, x: 2380, y: 1521, fontSize: 6 },
    ]);
    expect(scale).toBeNull();
  });

  it('reads "SCALE: 1:100 @ A1" and an imperial note with unicode primes', () => {
    expect(parseScale('SCALE: 1:100 @ A1')?.metresPerPoint).toBeCloseTo(100 * METRES_PER_POINT, 12);
    expect(parseScale('SCALE: 1/4″ = 1′-0″')?.metresPerPoint).toBeCloseTo(48 * METRES_PER_POINT, 12);
    expect(parseScale('SCALE: 1/8” = 1’-0”')?.metresPerPoint).toBeCloseTo(96 * METRES_PER_POINT, 12);
  });

  it("takes the main view's bare ratio over an enlarged view's worded scale", () => {
    const scale = findPageScale([
      { text: 'FIRST FLOOR PLAN — POWER & LIGHTING', x: 40, y: 120, fontSize: 8 },
      { text: '1:50', x: 40, y: 110, fontSize: 6 },
      { text: 'ENLARGED PLAN — TOILET CORE', x: 60, y: 80, fontSize: 8 },
      { text: 'SCALE: 1:25', x: 60, y: 70, fontSize: 6 },
    ]);
    expect(scale).toEqual({ text: '1:50', metresPerPoint: 50 * METRES_PER_POINT });
  });

  it('reads a title-block cell where the label and the value are separate runs', () => {
    const scale = findPageScale([
      { text: 'ÉCHELLE', x: 900, y: 100, fontSize: 4 },
      { text: '1:100', x: 900, y: 92, fontSize: 6 },
      { text: 'DATE', x: 960, y: 100, fontSize: 4 },
    ]);
    expect(scale).toEqual({ text: 'ÉCHELLE 1:100', metresPerPoint: 100 * METRES_PER_POINT });
  });

  it('prefers a note that names the scale over a bare ratio', () => {
    const scale = findPageScale([
      { text: 'DÉTAIL 1:5', x: 10, y: 500, fontSize: 6 },
      { text: 'SCALE 1/4" = 1\'-0"', x: 10, y: 20, fontSize: 6 },
    ]);
    expect(scale?.metresPerPoint).toBeCloseTo(48 * METRES_PER_POINT, 12);
  });

  it('reads "SCALE 1" + "50" as 1:50 when OCR dropped the colon of an outlined note', () => {
    // Outlined (SHX) text read by OCR: "SCALE 1 : 50" comes back as two runs without the colon.
    const scale = findPageScale([
      { text: 'POWER AND LIGHTING PLAN', x: 351, y: 455, fontSize: 11 },
      { text: 'SCALE 1', x: 279, y: 441, fontSize: 8 },
      { text: '50', x: 333, y: 441, fontSize: 8 },
    ]);
    expect(scale?.metresPerPoint).toBeCloseTo(50 * METRES_PER_POINT, 12);
    expect(parseScale('ÉCH. 1 100')?.metresPerPoint).toBeCloseTo(100 * METRES_PER_POINT, 12);
    // No scale word, or a one-digit denominator: not a lost colon.
    for (const text of ['ROOM 1 50', 'SCALE 1 5', 'SCALE 1 OF 12']) expect(parseScale(text)).toBeNull();
  });

  it('reads "SCALE: 1/16"" whose "= 1\'-0"" OCR lost as an architectural scale, not 1:16', () => {
    expect(parseScale('SCALE: 1/16"')?.metresPerPoint).toBeCloseTo(192 * METRES_PER_POINT, 12);
    expect(parseScale('ÉCH. 3/16"')?.metresPerPoint).toBeCloseTo(64 * METRES_PER_POINT, 12);
  });

  it("keeps an enlarged view's split label + value as that view's scale, not the sheet's", () => {
    const scale = findPageScale([
      { text: 'PLAN REZ-DE-CHAUSSÉE', x: 226, y: 395, fontSize: 13 },
      { text: 'ÉCH. 1', x: 226, y: 382, fontSize: 10 },
      { text: '100', x: 275, y: 382, fontSize: 8 },
      { text: 'PLAN AGRANDI', x: 1110, y: 203, fontSize: 11 },
      { text: 'ÉCH', x: 1110, y: 190, fontSize: 10 },
      { text: '1:50', x: 1138, y: 190, fontSize: 8 },
    ]);
    expect(scale?.metresPerPoint).toBeCloseTo(100 * METRES_PER_POINT, 12);
  });

  it('reads a view\'s "1/4"" note whose "= 1\'-0"" OCR garbled, under the view title', () => {
    // Outlined "1/4" = 1'-0"" read back as "1/4"" + "1" + "[4]": no scale word, no "=".
    const sheet = [
      { text: 'FIRST FLOOR PLAN', x: 82, y: 523, fontSize: 12 },
      { text: '1/4"', x: 83, y: 509, fontSize: 8 },
      { text: '1', x: 118, y: 509, fontSize: 8 },
      { text: '[4]', x: 132, y: 509, fontSize: 6 },
      { text: 'ENLARGED PLAN', x: 102, y: 75, fontSize: 12 },
      { text: '1/2"', x: 103, y: 61, fontSize: 8 },
      { text: '1', x: 138, y: 61, fontSize: 8 },
      { text: '0', x: 152, y: 61, fontSize: 8 },
    ];
    expect(findPageScale(sheet)).toEqual({ text: '1/4"', metresPerPoint: 48 * METRES_PER_POINT });
    // The enlarged view's note alone is still that view's scale, taken for want of another.
    expect(findPageScale(sheet.slice(4))?.metresPerPoint).toBeCloseTo(24 * METRES_PER_POINT, 12);
  });

  it.each([
    ['a conduit callout under a room name', [{ text: '3/4" C.', x: 82, y: 509, fontSize: 8 }]],
    [
      'a fraction followed by words on its baseline',
      [
        { text: '1/2"', x: 83, y: 509, fontSize: 8 },
        { text: 'GAP', x: 110, y: 509, fontSize: 8 },
      ],
    ],
    ['a fraction that is no architectural scale', [{ text: '1/3"', x: 83, y: 509, fontSize: 8 }]],
    ['a fraction with no title above it', [{ text: '1/4"', x: 400, y: 509, fontSize: 8 }]],
  ])('takes no scale from %s', (_, below) => {
    const sheet = [{ text: 'OFFICE 101', x: 82, y: 523, fontSize: 12 }, ...below];
    expect(findPageScale(sheet)).toBeNull();
  });

  it('takes "ÉCHELLE" + "S.0" (OCR of "ÉCHELLE : S.O.") as a main view not to scale', () => {
    const scale = findPageScale([
      { text: 'PLAN DU REZ-DE-CHAUSSÉE', x: 82, y: 680, fontSize: 12.5 },
      { text: 'ÉCHELLE', x: 82, y: 667, fontSize: 9.4 },
      { text: 'S.0', x: 132, y: 667, fontSize: 7.5 },
      { text: 'PLAN AGRANDI', x: 102, y: 75, fontSize: 12.2 },
      { text: 'ECHELLE 1:25', x: 102, y: 61, fontSize: 9.1 },
    ]);
    expect(scale).toBeNull();
    expect(parseScale('ÉCHELLE S.0')).toBeNull();
  });

  it('returns null for a sheet marked not to scale', () => {
    expect(findPageScale([{ text: 'ÉCHELLE : AUCUNE', x: 0, y: 0, fontSize: 5 }])).toBeNull();
  });
});
