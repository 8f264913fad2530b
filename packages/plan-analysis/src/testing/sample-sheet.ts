import type { Matrix } from '../primitives.ts';
import { PageBuilder, place } from './page-builder.ts';

/**
 * Symbol drawings used by the tests, in symbol units around (0, 0); each takes a placement
 * matrix so it can be drawn rotated, mirrored and scaled.
 */
export const drawSymbol = {
  /** Circle with two short lines through the top (a receptacle convention). */
  receptacle(b: PageBuilder, m: Matrix): void {
    b.circle(0, 0, 4, {}, m);
    b.line(-1.5, 2, -1.5, 7, m);
    b.line(1.5, 2, 1.5, 7, m);
  },
  /** A plain circle (a ceiling light). */
  luminaire(b: PageBuilder, m: Matrix): void {
    b.circle(0, 0, 4, {}, m);
  },
  /** A filled circle (a pot light). */
  recessed(b: PageBuilder, m: Matrix): void {
    b.circle(0, 0, 3, { fill: true }, m);
  },
  /** Triangle with a tail: asymmetric, so rotations and mirrors are distinguishable. */
  dataOutlet(b: PageBuilder, m: Matrix): void {
    b.path(
      [
        { op: 'moveTo', x: -4, y: -3 },
        { op: 'lineTo', x: 4, y: -3 },
        { op: 'lineTo', x: -4, y: 4 },
        { op: 'closePath' },
      ],
      {},
      m,
    );
    b.line(4, -3, 7, -3, m);
  },
  /** Long rectangle with a diagonal (a baseboard heater). */
  heater(b: PageBuilder, m: Matrix): void {
    b.rect(-10, -2, 20, 4, {}, m);
    b.line(-10, -2, 10, 2, m);
  },
  /**
   * Exhaust fan: a circle with three curved blades (half circles written as béziers), no
   * straight edge anywhere — nothing but the blades' positions tells how it is turned.
   */
  fan(b: PageBuilder, m: Matrix): void {
    b.circle(0, 0, 4.5, {}, m);
    const k = 0.5522847498 * 1.6;
    // Upper half around (1.6, 0), lower half around (−1.6, 0), left half around (0, 1.6).
    const blade = (cx: number, cy: number, ux: number, uy: number) =>
      b.path(
        [
          { op: 'moveTo', x: cx + 1.6 * ux, y: cy + 1.6 * uy },
          {
            op: 'curveTo',
            x1: cx + 1.6 * ux - k * uy,
            y1: cy + 1.6 * uy + k * ux,
            x2: cx + k * ux - 1.6 * uy,
            y2: cy + k * uy + 1.6 * ux,
            x: cx - 1.6 * uy,
            y: cy + 1.6 * ux,
          },
          {
            op: 'curveTo',
            x1: cx - k * ux - 1.6 * uy,
            y1: cy - k * uy + 1.6 * ux,
            x2: cx - 1.6 * ux - k * uy,
            y2: cy - 1.6 * uy + k * ux,
            x: cx - 1.6 * ux,
            y: cy - 1.6 * uy,
          },
        ],
        {},
        m,
      );
    blade(1.6, 0, 1, 0);
    blade(-1.6, 0, -1, 0);
    blade(0, 1.6, 0, 1);
  },
  /** Circle with a letter inside: the letter is text, so it stays upright. */
  circleWithText(b: PageBuilder, m: Matrix, text: string, x: number, y: number, scale = 1): void {
    b.circle(0, 0, 4, {}, m);
    b.textCentered(text, x, y, 5 * scale);
  },
};

/**
 * A small French sheet: a legend (top right), two rooms with a door between them, a scale
 * note, circuit tags and symbols drawn at various rotations, mirrors and scales, some touching
 * walls or text. `expected` lists what the analysis should find.
 */
export function buildSampleSheet(): {
  builder: PageBuilder;
  expected: { type: string; x: number; y: number; room: string | null; circuit: string | null }[];
} {
  const b = new PageBuilder(792, 612);
  // Legend.
  b.text('LÉGENDE', 600, 570, 10);
  drawSymbol.receptacle(b, place(612, 550));
  b.text('Prise de courant duplex', 630, 547, 7);
  drawSymbol.luminaire(b, place(612, 530));
  b.text('Luminaire au plafond', 630, 527, 7);
  drawSymbol.recessed(b, place(612, 510));
  b.text('Luminaire encastré', 630, 507, 7);
  b.textCentered('S3', 612, 490, 7);
  b.text('Interrupteur trois voies', 630, 487, 7);
  drawSymbol.circleWithText(b, place(612, 470), 'DF', 612, 470);
  b.text('Avertisseur de fumée', 630, 467, 7);
  drawSymbol.dataOutlet(b, place(612, 450));
  b.text('Prise de données', 630, 447, 7);
  drawSymbol.heater(b, place(612, 430));
  b.text('Plinthe chauffante', 630, 427, 7);

  // Walls: outer box 50..450 × 50..350, partition at x = 250 with a door from y = 200 to 240.
  b.rect(50, 50, 400, 300, { lineWidth: 1 });
  b.line(250, 50, 250, 200, undefined, 1);
  b.line(250, 240, 250, 350, undefined, 1);
  b.text('CUISINE', 130, 200, 9);
  b.text('SALON', 340, 200, 9);
  b.text('ÉCHELLE 1:50', 60, 30, 8);

  const expected: { type: string; x: number; y: number; room: string | null; circuit: string | null }[] = [];
  // Expected position: the centre of the drawn part (local centre placed by the same matrix).
  const add = (
    type: string,
    m: Matrix,
    local: [number, number],
    room: string | null,
    circuit: string | null = null,
  ) => {
    const x = m[0] * local[0] + m[2] * local[1] + m[4];
    const y = m[1] * local[0] + m[3] * local[1] + m[5];
    expected.push({ type, x: Math.round(x * 100) / 100, y: Math.round(y * 100) / 100, room, circuit });
  };
  const receptacleCentre: [number, number] = [0, 1.5];
  const dataCentre: [number, number] = [1.5, 0.5];
  const centre: [number, number] = [0, 0];

  // Receptacle on the bottom wall (its lines touch nothing, its circle sits 4 pt above the wall).
  drawSymbol.receptacle(b, place(100, 54));
  b.text('A-1', 108, 58, 6);
  add('receptacle', place(100, 54), receptacleCentre, 'CUISINE', 'A-1');
  // Rotated 90° and scaled 1.2 on the right wall, touching it.
  drawSymbol.receptacle(b, place(445.2, 150, 90, 1.2));
  add('receptacle', place(445.2, 150, 90, 1.2), receptacleCentre, 'SALON');
  // Mirrored and rotated 180° at the top wall.
  drawSymbol.receptacle(b, place(300, 346, 180, 1, true));
  add('receptacle', place(300, 346, 180, 1, true), receptacleCentre, 'SALON');
  drawSymbol.luminaire(b, place(150, 260));
  b.text('A-2', 156, 266, 6);
  add('luminaire', place(150, 260), centre, 'CUISINE', 'A-2');
  drawSymbol.luminaire(b, place(350, 280, 0, 0.85));
  add('luminaire', place(350, 280), centre, 'SALON');
  drawSymbol.recessed(b, place(120, 300));
  add('luminaire_recessed', place(120, 300), centre, 'CUISINE');
  drawSymbol.recessed(b, place(380, 300, 0, 1.15));
  add('luminaire_recessed', place(380, 300), centre, 'SALON');
  b.textCentered('S3', 240, 120, 7);
  add('switch_3way', place(240, 120), centre, 'CUISINE');
  // A lone "S" is not "S3".
  b.textCentered('S', 240, 150, 7);
  drawSymbol.circleWithText(b, place(200, 320), 'DF', 200, 320);
  add('smoke_detector', place(200, 320), centre, 'CUISINE');
  // The same letters rotated 270° with upright text.
  drawSymbol.circleWithText(b, place(330, 240, 270), 'DF', 330, 240);
  add('smoke_detector', place(330, 240), centre, 'SALON');
  drawSymbol.dataOutlet(b, place(60, 150, 90));
  add('data_outlet', place(60, 150, 90), dataCentre, 'CUISINE');
  drawSymbol.dataOutlet(b, place(420, 80, 0, 1, true));
  add('data_outlet', place(420, 80, 0, 1, true), dataCentre, 'SALON');
  // Heater lying along the bottom wall (its lower edge on the wall line), 1.2×.
  drawSymbol.heater(b, place(350, 52.4, 0, 1.2));
  add('baseboard_heater', place(350, 52.4), centre, 'SALON');
  drawSymbol.heater(b, place(54, 260, 90));
  add('baseboard_heater', place(54, 260), centre, 'CUISINE');
  return { builder: b, expected };
}
