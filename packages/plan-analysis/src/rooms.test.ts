import { describe, expect, it } from 'vitest';
import { flattenPaths } from './geometry.ts';
import { buildRoomMap, findRoomLabels, pointInPolygon } from './rooms.ts';
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
});

describe('pointInPolygon', () => {
  it('uses the even-odd rule on a flattened outline', () => {
    const square = [0, 0, 10, 0, 10, 10, 0, 10, 0, 0];
    expect([pointInPolygon(square, 5, 5), pointInPolygon(square, 15, 5)]).toEqual([true, false]);
  });
});
