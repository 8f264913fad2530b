import { describe, expect, it } from 'vitest';
import { flattenPaths } from './geometry.ts';
import type { TextItem } from './primitives.ts';
import { buildRoomMap, findRoomLabels, pointInPolygon, withoutArea } from './rooms.ts';
import { METRES_PER_POINT } from './scale.ts';
import { PageBuilder } from './testing/page-builder.ts';
import { groupTextLines } from './text-lines.ts';

/** Two rooms 200 × 300 pt side by side, a door 40 pt wide in the partition. */
function twoRooms(extra: (b: PageBuilder) => void = () => {}) {
  const b = new PageBuilder();
  b.rect(50, 50, 400, 300, { lineWidth: 1 });
  b.line(250, 50, 250, 200, undefined, 1);
  b.line(250, 240, 250, 350, undefined, 1);
  b.text('CUISINE', 130, 200, 9);
  b.text('SALON', 340, 200, 9);
  extra(b);
  const page = b.build();
  const labels = findRoomLabels(groupTextLines(page.textItems), () => true);
  const mpp = 50 * METRES_PER_POINT;
  const map = buildRoomMap({
    labels,
    subpaths: flattenPaths(page.paths),
    pageSize: page,
    ignore: [],
    outside: [],
    metresPerPoint: mpp,
    doorHalfWidthPt: 0.6 / mpp,
  });
  return { labels, map };
}

describe('findRoomLabels', () => {
  it('reads room names on a floor plan turned on the sheet (text at any angle)', () => {
    const b = new PageBuilder();
    b.text('CUISINE', 100, 300, 9, 23);
    b.text('CHAMBRE 2', 300, 300, 9, 337);
    b.text('14,7 m²', 300, 280, 9, 337);
    const labels = findRoomLabels(groupTextLines(b.build().textItems), () => true);
    expect(labels.map((l) => l.name)).toEqual(['CUISINE', 'CHAMBRE 2']);
  });

  it('reads room names, joins a second line of capitals and skips dimensions and notes', () => {
    const b = new PageBuilder();
    b.text('CHAMBRE', 100, 300, 9);
    b.text('PRINCIPALE', 95, 290, 9);
    b.text('SALLE DE BAIN', 300, 300, 9);
    b.text('3,2 x 4,0', 305, 290, 9);
    b.text('Note : prévoir une prise DDFT dans la salle de bain', 100, 100, 7);
    const labels = findRoomLabels(groupTextLines(b.build().textItems), () => true);
    expect(labels.map((l) => l.name)).toEqual(['CHAMBRE PRINCIPALE', 'SALLE DE BAIN']);
  });

  it.each([
    ['CHAMBRE 2 12,5 m²', 'CHAMBRE 2'],
    ['OFFICE 101 / 150 SF', 'OFFICE 101'],
    ['BUREAU 204 (14 m2)', 'BUREAU 204'],
    ['LAB 1204', 'LAB 1204'],
    ['SALLE DE BAIN', 'SALLE DE BAIN'],
  ])('names the room "%s" without its area → %s', (text, name) => {
    expect(withoutArea(text)).toBe(name);
  });

  it('reads OCR labels as drawn: split words joined, capitals and accents restored', () => {
    // Words as OCR gives them on an outlined sheet: boxes apart by more than a word space,
    // sizes misread, lower-case "wc", no accents.
    const ocr = (str: string, x: number, y: number, fontSize: number): TextItem => ({
      str,
      x,
      y,
      width: str.length * 0.55 * fontSize,
      height: fontSize,
      fontSize,
      angle: 0,
      fontName: 'ocr',
      source: 'ocr',
      confidence: 0.9,
    });
    const items = [
      ocr('ELEC.', 870, 1212, 8.5),
      ocr('ROOM', 902, 1212, 9.3),
      ocr('wc', 661, 1212, 10.2),
      ocr('SALLE', 300, 1100, 9.6),
      ocr('A', 331, 1100, 9.6),
      ocr('MANGER', 341, 1100, 9.6),
      ocr('CHAMBRE', 979, 842, 9.6),
      ocr('PRINCIPALE', 1023, 835, 21.7),
      ocr('BUREAU', 500, 600, 9),
      ocr('104', 545, 600, 9),
      ocr('RECEPTION', 700, 600, 9),
    ];
    const labels = findRoomLabels(groupTextLines(items), () => true);
    expect(labels.map((l) => l.name).sort()).toEqual(
      ['BUREAU 104', 'CHAMBRE PRINCIPALE', 'ELEC. ROOM', 'RECEPTION', 'SALLE À MANGER', 'WC'].sort(),
    );
  });

  it('reads numbered and measured labels: LAB 1204, SALLE DE COPIE, CHAMBRE 2 with its area', () => {
    const b = new PageBuilder();
    b.text('LAB 1204', 100, 300, 9);
    b.text('SALLE DE COPIE', 300, 300, 9);
    b.text('CHAMBRE 2 12,5 m²', 100, 200, 9);
    b.text('OFFICE 101 / 150 SF', 300, 200, 9);
    const labels = findRoomLabels(groupTextLines(b.build().textItems), () => true);
    expect(labels.map((l) => l.name)).toEqual(['LAB 1204', 'SALLE DE COPIE', 'CHAMBRE 2', 'OFFICE 101']);
  });

  it('leaves text-layer labels as typed and keeps two room names on one baseline apart', () => {
    const b = new PageBuilder();
    b.text('SALLE A MANGER', 100, 300, 9);
    b.text('CUISINE', 185, 300, 9);
    b.text('wc', 300, 300, 9);
    const labels = findRoomLabels(groupTextLines(b.build().textItems), () => true);
    expect(labels.map((l) => l.name)).toEqual(['SALLE A MANGER', 'CUISINE', 'wc']);
  });

  it('leaves out labels outside the drawing area', () => {
    const b = new PageBuilder();
    b.text('CUISINE', 100, 300, 9);
    b.text('GARAGE', 700, 100, 9);
    const labels = findRoomLabels(groupTextLines(b.build().textItems), (x) => x < 600);
    expect(labels.map((l) => l.name)).toEqual(['CUISINE']);
  });
});

describe('buildRoomMap', () => {
  it('splits two rooms at their door and measures their areas at 1:50', () => {
    const { map } = twoRooms();
    expect(map.rooms.map((r) => r.name)).toEqual(['CUISINE', 'SALON']);
    // Each room is 200 × 300 pt less the wall line: ≈ 199 × 299 pt at 0.01764 m/pt ≈ 18.5 m².
    for (const room of map.rooms) {
      expect(room.areaM2).toBeGreaterThan(18.3);
      expect(room.areaM2).toBeLessThan(18.7);
    }
    expect(map.rooms[0]?.bbox?.map(Math.round)).toEqual([50, 50, 250, 349]);
    expect(map.rooms[1]?.bbox?.map(Math.round)).toEqual([250, 50, 449, 349]);
  });

  it('assigns points to the room they are in, and a wall-mounted box to the room holding most of it', () => {
    const { map } = twoRooms();
    const name = (i: number) => map.rooms[i]?.name ?? null;
    expect(name(map.roomAt(100, 100))).toBe('CUISINE');
    expect(name(map.roomAt(400, 300))).toBe('SALON');
    // Door opening: the line between the rooms splits it.
    expect(name(map.roomAt(245, 220))).toBe('CUISINE');
    expect(name(map.roomAt(255, 220))).toBe('SALON');
    // A box straddling the partition, mostly in the salon.
    expect(name(map.roomAt(250, 120, 0, [246, 110, 262, 130]))).toBe('SALON');
    // Outside the building.
    expect(map.roomAt(600, 500)).toBe(-1);
  });

  it('sees through furniture drawn around a label and counts it as floor', () => {
    // An island drawn around the CUISINE label, thin lines of a table elsewhere.
    const { map } = twoRooms((b) => {
      b.rect(110, 180, 80, 40, { lineWidth: 0.3 });
      b.rect(80, 80, 30, 20, { lineWidth: 0.3 });
    });
    const kitchen = map.rooms[0];
    expect(kitchen?.areaM2).toBeGreaterThan(18.3);
    expect(map.rooms[map.roomAt(95, 90)]?.name).toBe('CUISINE');
    expect(map.rooms[map.roomAt(150, 200)]?.name).toBe('CUISINE');
  });

  it('sees through a white mask behind a name, even one running from wall to wall', () => {
    // A wipeout behind CUISINE as wide as the room: a closed straight outline along the walls on
    // two sides, yet it draws no line.
    const { map } = twoRooms((b) =>
      b.rect(50.8, 180, 198.4, 27, { fill: true, stroke: false, fillColor: '#ffffff' }),
    );
    expect(map.rooms[0]?.areaM2).toBeGreaterThan(18.3);
    expect(map.rooms[map.roomAt(100, 100)]?.name).toBe('CUISINE');
    expect(map.rooms[map.roomAt(100, 300)]?.name).toBe('CUISINE');
  });
});

/** Quarter circle around (cx, cy) from a0 to a0 + 90° (degrees), as CAD exports a door swing. */
function swing(b: PageBuilder, cx: number, cy: number, r: number, a0: number): void {
  const k = 0.5522847498 * r;
  const a = (a0 * Math.PI) / 180;
  const e = a + Math.PI / 2;
  const [x0, y0] = [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  const [x3, y3] = [cx + r * Math.cos(e), cy + r * Math.sin(e)];
  b.path([
    { op: 'moveTo', x: x0, y: y0 },
    {
      op: 'curveTo',
      x1: x0 - k * Math.sin(a),
      y1: y0 + k * Math.cos(a),
      x2: x3 + k * Math.sin(e),
      y2: y3 - k * Math.cos(e),
      x: x3,
      y: y3,
    },
  ]);
}

/** Room map of a page at 1:50 (door openings up to 1.2 m ≈ 68 pt). */
function mapOf(b: PageBuilder) {
  const page = b.build();
  const labels = findRoomLabels(groupTextLines(page.textItems), () => true);
  const mpp = 50 * METRES_PER_POINT;
  return buildRoomMap({
    labels,
    subpaths: flattenPaths(page.paths),
    pageSize: page,
    ignore: [],
    outside: [],
    metresPerPoint: mpp,
    doorHalfWidthPt: 0.6 / mpp,
  });
}

describe('buildRoomMap with openings closed', () => {
  /**
   * Two rooms in double-line walls (faces 6 pt apart): CUISINE left, SALON right, open to each
   * other through a 100 pt cased opening (x = 244..250..256, y = 150..250) with a dashed header
   * on each face. SALON's front door (hinge at (380, 53), 40 pt leaf swung in, latch at (340, 53))
   * opens on the yard.
   */
  function openPlan(extra: (b: PageBuilder) => void = () => {}) {
    const b = new PageBuilder();
    // Outer walls: outer face 50..450 × 50..350, inner face 56..444 × 56..344; the front door cuts
    // the bottom wall from x = 340 to 380.
    b.rect(50, 50, 290, 6);
    b.rect(380, 50, 70, 6);
    b.rect(50, 344, 400, 6);
    b.rect(50, 56, 6, 288);
    b.rect(444, 56, 6, 288);
    // Partition x = 247..253 with the opening y = 150..250.
    b.rect(247, 56, 6, 94);
    b.rect(247, 250, 6, 94);
    for (const x of [247, 253])
      b.path(
        [
          { op: 'moveTo', x, y: 150 },
          { op: 'lineTo', x, y: 250 },
        ],
        { dashed: true },
      );
    b.line(380, 53, 380, 93);
    swing(b, 380, 53, 40, 90);
    b.text('CUISINE', 130, 300, 9);
    b.text('SALON', 340, 300, 9);
    extra(b);
    return mapOf(b);
  }

  it('splits open rooms at the header drawn across their opening, even with furniture in the way', () => {
    // An island fills most of CUISINE next to the opening: passages around it are narrower than
    // the opening, so a flood from SALON would win the room's near half.
    const map = openPlan((b) => b.rect(100, 80, 130, 190, { lineWidth: 0.3 }));
    const name = (x: number, y: number) => map.rooms[map.roomAt(x, y)]?.name ?? null;
    expect([name(240, 200), name(235, 100), name(90, 200), name(260, 200), name(400, 100)]).toEqual([
      'CUISINE',
      'CUISINE',
      'CUISINE',
      'SALON',
      'SALON',
    ]);
  });

  it('keeps a room inside its front door: just outside the door is no room', () => {
    const map = openPlan();
    expect(map.rooms[map.roomAt(360, 60)]?.name).toBe('SALON');
    expect(map.roomAt(360, 45, 40, [355, 40, 365, 50])).toBe(-1);
    // SALON's area is its interior only: 188 × 288 pt at 1:50 ≈ 16.8 m² (not the yard).
    const salon = map.rooms.find((r) => r.name === 'SALON');
    expect(salon?.areaM2).toBeGreaterThan(16.3);
    expect(salon?.areaM2).toBeLessThan(17.3);
  });

  it('gives the space behind a counter to its room, and a strip outside the walls to none', () => {
    const map = openPlan((b) => {
      // Counter front 30 pt from CUISINE's top wall, wall to wall.
      b.line(56, 314, 247, 314, undefined, 0.3);
      // Dimension line 20 pt below the building, extension lines down from its corners.
      b.line(40, 30, 460, 30, undefined, 0.2);
      b.line(50, 50, 50, 25, undefined, 0.2);
      b.line(450, 50, 450, 25, undefined, 0.2);
    });
    const kitchen = map.rooms.findIndex((r) => r.name === 'CUISINE');
    expect(map.roomAt(150, 330)).toBe(kitchen);
    // The counter is floor of the kitchen: 191 × 288 pt ≈ 17.1 m².
    expect(map.rooms[kitchen]?.areaM2).toBeGreaterThan(16.6);
    expect(map.rooms[kitchen]?.areaM2).toBeLessThan(17.6);
    // A receptacle outside, between the wall and the dimension line.
    expect(map.roomAt(150, 40, 40, [145, 35, 155, 45])).toBe(-1);
  });
});

describe('pointInPolygon', () => {
  it('uses the even-odd rule on a flattened outline', () => {
    const square = [0, 0, 10, 0, 10, 10, 0, 10, 0, 0];
    expect([pointInPolygon(square, 5, 5), pointInPolygon(square, 15, 5)]).toEqual([true, false]);
  });

  it('keeps rooms drawn each as its own closed outline around its name, small ones included', () => {
    // CAD room outlines sharing their edges inside the building's outline: at 1:50 the WC
    // (≈ 3 m²) and the bedroom (≈ 10 m²) are the size of furniture drawn around a name, but they
    // lie along their neighbours' outlines. The bed drawn around BUREAU's name against one wall
    // stays furniture.
    const b = new PageBuilder();
    b.rect(50, 50, 515, 348, { lineWidth: 0.7 });
    b.rect(50, 50, 85, 113, { lineWidth: 0.5 });
    b.rect(135, 50, 170, 198, { lineWidth: 0.5 });
    b.rect(305, 50, 260, 198, { lineWidth: 0.5 });
    b.text('WC', 85, 100, 7);
    b.text('CHAMBRE 2', 195, 150, 7);
    b.text('SALON', 420, 150, 7);
    b.line(50, 248, 565, 248, undefined, 0.7);
    b.line(250, 248, 250, 398, undefined, 0.7);
    b.rect(120, 340, 40, 58, { lineWidth: 0.3 });
    b.text('BUREAU', 122, 370, 7);
    const page = b.build();
    const labels = findRoomLabels(groupTextLines(page.textItems), () => true);
    const mpp = 50 * METRES_PER_POINT;
    const map = buildRoomMap({
      labels,
      subpaths: flattenPaths(page.paths),
      pageSize: page,
      ignore: [],
      outside: [],
      metresPerPoint: mpp,
      doorHalfWidthPt: 0.6 / mpp,
    });
    const area = (name: string) => map.rooms.find((r) => r.name === name)?.areaM2 ?? 0;
    // 85 × 113 pt ≈ 2.99 m², 170 × 198 pt ≈ 10.5 m², 260 × 198 pt ≈ 16.0 m² (less the lines).
    expect(area('WC')).toBeGreaterThan(2.7);
    expect(area('WC')).toBeLessThan(3.1);
    expect(area('CHAMBRE 2')).toBeGreaterThan(10.0);
    expect(area('CHAMBRE 2')).toBeLessThan(10.6);
    expect(area('SALON')).toBeGreaterThan(15.5);
    expect(area('SALON')).toBeLessThan(16.1);
    const at = (x: number, y: number) => map.rooms[map.roomAt(x, y)]?.name ?? null;
    expect(at(60, 60)).toBe('WC');
    expect(at(140, 240)).toBe('CHAMBRE 2');
    expect(at(560, 60)).toBe('SALON');
    // The bed is floor of the BUREAU: ≈ 200 × 150 pt ≈ 9.3 m² with it.
    expect(area('BUREAU')).toBeGreaterThan(9.0);
    expect(area('BUREAU')).toBeLessThan(9.5);
    expect(at(140, 345)).toBe('BUREAU');
  });
});
