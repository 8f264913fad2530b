import { describe, expect, it } from 'vitest';
import { composeMatrix, operatorListToGeometry } from './operator-geometry.ts';

// The pdfjs 5.x codes used here (OPS in src/shared/util.js).
const OPS = {
  save: 10,
  restore: 11,
  transform: 12,
  setLineWidth: 2,
  setDash: 6,
  setStrokeRGBColor: 58,
  setFillRGBColor: 59,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  paintImageXObject: 85,
  constructPath: 91,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  endPath: 28,
  beginGroup: 76,
  endGroup: 77,
  setGState: 9,
};

// DrawOPS: moveTo 0, lineTo 1, curveTo 2, closePath 4.
const path = (paint: number, ...ops: number[]) => [paint, [new Float32Array(ops)], [0, 0, 0, 0]];

describe('operatorListToGeometry', () => {
  it('decodes 5.x constructPath buffers with the current transform, paint and line width', () => {
    const { paths } = operatorListToGeometry(
      {
        fnArray: [
          OPS.setLineWidth,
          OPS.setStrokeRGBColor,
          OPS.save,
          OPS.transform,
          OPS.constructPath,
          OPS.restore,
          OPS.constructPath,
        ],
        argsArray: [
          [2],
          ['#ff0000'],
          null,
          [2, 0, 0, 2, 10, 20],
          path(OPS.closeStroke, 0, 0, 0, 1, 5, 0, 1, 5, 5, 4),
          null,
          path(OPS.fill, 0, 1, 1, 2, 1, 2, 3, 2, 3, 4),
        ],
      },
      OPS,
    );
    expect(paths).toEqual([
      {
        segments: [
          { op: 'moveTo', x: 10, y: 20 },
          { op: 'lineTo', x: 20, y: 20 },
          { op: 'lineTo', x: 20, y: 30 },
          { op: 'closePath' },
        ],
        stroke: true,
        fill: false,
        evenOdd: false,
        // 2 × sqrt(|det|) = 2 × 2
        lineWidth: 4,
        dashed: false,
        strokeColor: '#ff0000',
        fillColor: '#000000',
        bbox: [10, 20, 20, 30],
      },
      {
        segments: [
          { op: 'moveTo', x: 1, y: 1 },
          { op: 'curveTo', x1: 1, y1: 2, x2: 3, y2: 2, x: 3, y: 4 },
        ],
        stroke: false,
        fill: true,
        evenOdd: false,
        lineWidth: 2,
        dashed: false,
        strokeColor: '#ff0000',
        fillColor: '#000000',
        bbox: [1, 1, 3, 4],
      },
    ]);
  });

  it('applies form XObject matrices, restores after them, subtracts the page origin', () => {
    const { paths } = operatorListToGeometry(
      {
        fnArray: [OPS.paintFormXObjectBegin, OPS.constructPath, OPS.paintFormXObjectEnd, OPS.constructPath],
        argsArray: [
          [new Float32Array([0, 1, -1, 0, 100, 100]), new Float32Array([0, 0, 10, 10])],
          path(OPS.stroke, 0, 0, 0, 1, 10, 0),
          [],
          path(OPS.stroke, 0, 0, 0, 1, 10, 0),
        ],
      },
      OPS,
      { x: 5, y: 5 },
    );
    // Rotated 90° by the form: (10, 0) → (100, 110); minus origin (5, 5).
    expect(paths.map((p) => p.bbox)).toEqual([
      [95, 95, 95, 105],
      [-5, -5, 5, -5],
    ]);
  });

  it('skips clip-only paths, tracks dashes and places images on their unit square', () => {
    const { paths, images } = operatorListToGeometry(
      {
        fnArray: [OPS.constructPath, OPS.setDash, OPS.constructPath, OPS.transform, OPS.paintImageXObject],
        argsArray: [
          path(OPS.endPath, 0, 0, 0, 1, 10, 0),
          [[3, 2], 0],
          path(OPS.stroke, 0, 0, 0, 1, 10, 0),
          [200, 0, 0, 100, 50, 60],
          ['img_p0_1', 800, 400],
        ],
      },
      OPS,
    );
    expect(paths.map((p) => p.dashed)).toEqual([true]);
    expect(images).toEqual([{ bbox: [50, 60, 250, 160], widthPx: 800, heightPx: 400 }]);
  });
});

describe('composeMatrix', () => {
  it('applies the inner matrix first', () => {
    // translate(10, 0) ∘ scale(2): (1, 1) → (2, 2) → (12, 2)
    expect(composeMatrix([1, 0, 0, 1, 10, 0], [2, 0, 0, 2, 0, 0])).toEqual([2, 0, 0, 2, 10, 0]);
  });
});
