import { describe, expect, it } from 'vitest';
import { PageBuilder } from './testing/page-builder.ts';
import { sameDirection, turnedDrawing, withoutWordsUnder } from './turned-drawing.ts';

/** A sheet with its square frame and title block, and a 300 × 200 pt plan of four rooms turned `deg` about (500, 400). */
function sheetWithPlanTurned(deg: number): PageBuilder {
  const b = new PageBuilder(1224, 792);
  b.rect(20, 20, 1184, 752, { lineWidth: 1 });
  b.rect(1000, 20, 204, 752, { lineWidth: 1 });
  const r = (deg * Math.PI) / 180;
  const at = (u: number, v: number): [number, number] => [
    500 + u * Math.cos(r) - v * Math.sin(r),
    400 + u * Math.sin(r) + v * Math.cos(r),
  ];
  const wall = (u0: number, v0: number, u1: number, v1: number) => b.line(...at(u0, v0), ...at(u1, v1));
  // Outer walls and the two partitions, each drawn twice (both faces of a wall).
  for (const t of [0, 6]) {
    wall(-150 + t, -100 + t, 150 - t, -100 + t);
    wall(-150 + t, 100 - t, 150 - t, 100 - t);
    wall(-150 + t, -100 + t, -150 + t, 100 - t);
    wall(150 - t, -100 + t, 150 - t, 100 - t);
    wall(-3 + t, -100, -3 + t, 100);
    wall(-150, -3 + t, 150, -3 + t);
  }
  return b;
}

describe('turnedDrawing', () => {
  it.each([30, -30, 12, -40])(
    'finds a plan turned %s° on a square sheet, and the box of its walls',
    (deg) => {
      const found = turnedDrawing(sheetWithPlanTurned(deg).build());
      expect(found?.angleDeg).toBeCloseTo(deg, 6);
      // The plan's corners lie within 180.3 pt (half its diagonal) of its centre.
      const [x0, y0, x1, y1] = found?.box ?? [0, 0, 0, 0];
      expect(x0).toBeGreaterThan(500 - 181);
      expect(x1).toBeLessThan(500 + 181);
      expect(y0).toBeGreaterThan(400 - 181);
      expect(y1).toBeLessThan(400 + 181);
      expect(x1 - x0).toBeGreaterThan(250);
    },
  );

  it('folds a plan turned 60° to −30° (its walls run both ways)', () => {
    expect(turnedDrawing(sheetWithPlanTurned(60).build())?.angleDeg).toBeCloseTo(-30, 6);
  });

  it('finds none on a square plan, a merely skewed one, or a sheet with a few slanted lines', () => {
    expect(turnedDrawing(sheetWithPlanTurned(0).build())).toBeNull();
    expect(turnedDrawing(sheetWithPlanTurned(3).build())).toBeNull();
    const b = sheetWithPlanTurned(0);
    // A north arrow's two long strokes and a ramp.
    b.line(900, 600, 920, 660);
    b.line(940, 600, 920, 660);
    b.line(100, 100, 160, 130);
    expect(turnedDrawing(b.build())).toBeNull();
  });
});

describe('sameDirection', () => {
  it('compares directions across the ±180° seam', () => {
    expect(sameDirection(178, -179, 4)).toBe(true);
    expect(sameDirection(30, 120, 4)).toBe(false);
    expect(sameDirection(-60, 300, 4)).toBe(true);
  });
});

describe('withoutWordsUnder', () => {
  it('drops the level words whose centre lies on a turned word, keeps the others', () => {
    // "CUISINE" read along a 30° plan: 40 pt long, 6 pt high, from (100, 100).
    const turned = [{ x: 100, y: 100, width: 40, height: 6, angle: 30 }];
    const underIt = { x: 108.7, y: 108.4, width: 10, height: 6, angle: 0 }; // "ONG", centre 17 pt along it, 2 up
    const beside = { x: 100, y: 140, width: 20, height: 6, angle: 0 }; // a level note above the plan
    expect(withoutWordsUnder([underIt, beside], turned)).toEqual([beside]);
  });
});
