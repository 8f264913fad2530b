import { describe, expect, it } from 'vitest';
import {
  canvasToPage,
  colorOf,
  DEVICE_COLORS,
  FIT_VIEW,
  fitScale,
  hitTest,
  MAX_ZOOM,
  symbolRect,
  transformFor,
  zoomAt,
} from '../src/overlay.ts';
import { contrastOnWhite } from './contrast.ts';

const page = { width: 1224, height: 792 }; // tabloid landscape, points

describe('plan viewer geometry', () => {
  it('fits the page in the canvas with its margin', () => {
    // 1000 × 600 canvas, 12 px margins: min(976 / 1224, 576 / 792) = 0.7273 (height-bound)
    expect(fitScale(page, { width: 1000, height: 600 })).toBeCloseTo(576 / 792, 6);
  });

  it('maps a symbol in PDF space (origin bottom-left) to a box in top-left page space', () => {
    // bbox y from 621.629 to 636.629 → top = 792 − 636.629 = 155.371
    expect(symbolRect({ x: 243.034, y: 629.129, bbox: [238.034, 621.629, 248.034, 636.629] }, 792)).toEqual({
      x: 238.034,
      y: 792 - 636.629,
      width: 248.034 - 238.034,
      height: 636.629 - 621.629,
    });
    // No bbox: a 14 pt square centred on the symbol.
    expect(symbolRect({ x: 100, y: 700 }, 792)).toEqual({ x: 93, y: 85, width: 14, height: 14 });
  });

  it('round-trips canvas and page coordinates', () => {
    const canvas = { width: 900, height: 500 };
    const t = transformFor(page, canvas, { zoom: 2.5, panX: -40, panY: 13 });
    const p = canvasToPage(t, 321, 123);
    expect(t.originX + p.x * t.scale).toBeCloseTo(321, 9);
    expect(t.originY + p.y * t.scale).toBeCloseTo(123, 9);
  });

  it('zooms around the cursor: the page point under it stays put', () => {
    const canvas = { width: 900, height: 500 };
    const before = transformFor(page, canvas, FIT_VIEW);
    const under = canvasToPage(before, 600, 200);
    const view = zoomAt(FIT_VIEW, 3, 600, 200, page, canvas);
    const after = transformFor(page, canvas, view);
    expect(view.zoom).toBe(3);
    expect(after.originX + under.x * after.scale).toBeCloseTo(600, 9);
    expect(after.originY + under.y * after.scale).toBeCloseTo(200, 9);
    expect(zoomAt(view, 100, 0, 0, page, canvas).zoom).toBe(MAX_ZOOM);
  });

  it('picks the symbol under the pointer, the nearest centre when boxes overlap', () => {
    const a = { x: 100, y: 700, type: 'receptacle' }; // box x 93–107, y 85–99 (top-left space)
    const b = { x: 110, y: 700, type: 'switch' }; // box x 103–117
    expect(hitTest([a, b], { x: 95, y: 92 }, 792)?.type).toBe('receptacle');
    expect(hitTest([a, b], { x: 106, y: 92 }, 792)?.type).toBe('switch');
    expect(hitTest([a, b], { x: 300, y: 300 }, 792)).toBeNull();
  });

  it('draws every device type in a colour readable on white (≥ 4.5:1)', () => {
    for (const [type, color] of Object.entries(DEVICE_COLORS)) {
      expect(contrastOnWhite(color), type).toBeGreaterThanOrEqual(4.5);
    }
    expect(colorOf('unknown_type')).toBe(DEVICE_COLORS.other);
  });
});
