import { describe, expect, it } from 'vitest';
import {
  cropRect,
  isLowConfidence,
  LOW_CONFIDENCE,
  NO_CORRECTIONS,
  toggleRemoval,
  toPageSpace,
} from '../src/overlay.ts';

describe('review overlay', () => {
  it('marks symbols under the review threshold as low confidence', () => {
    expect(LOW_CONFIDENCE).toBe(0.75);
    expect(isLowConfidence({ confidence: 0.62 })).toBe(true);
    expect(isLowConfidence({ confidence: 0.75 })).toBe(false);
    expect(isLowConfidence({ confidence: 0.98 })).toBe(false);
  });

  it('crops a legend symbol in top-left page space, with a margin, kept on the page', () => {
    // Tabloid landscape (1224 × 792): bbox y 527..534 (bottom-left) → top 792 - 534 - 4 = 254.
    expect(cropRect([608, 527, 619, 534], { width: 1224, height: 792 })).toEqual({
      x: 604,
      y: 254,
      width: 19,
      height: 15,
    });
    // At the corner the margin is cut at the page edge.
    expect(cropRect([0, 780, 10, 792], { width: 1224, height: 792 })).toEqual({
      x: 0,
      y: 0,
      width: 14,
      height: 16,
    });
  });

  it('toggles a removal on a second click and cancels a pending addition', () => {
    const once = toggleRemoval(NO_CORRECTIONS, 1, 4);
    expect(once.remove).toEqual([{ page: 1, index: 4 }]);
    expect(toggleRemoval(once, 1, 4).remove).toEqual([]);
    expect(toggleRemoval(once, 2, 4).remove).toEqual([
      { page: 1, index: 4 },
      { page: 2, index: 4 },
    ]);
    const withAdds = {
      ...NO_CORRECTIONS,
      add: [
        { type: 'switch', page: 1, x: 10, y: 10 },
        { type: 'receptacle', page: 1, x: 50, y: 50 },
      ],
    };
    expect(toggleRemoval(withAdds, 1, 0, true).add).toEqual([{ type: 'receptacle', page: 1, x: 50, y: 50 }]);
  });

  it('turns a viewer point into page space for the API (origin bottom-left)', () => {
    expect(toPageSpace({ x: 100.123, y: 92.456 }, 792)).toEqual({ x: 100.12, y: 699.54 });
  });
});
