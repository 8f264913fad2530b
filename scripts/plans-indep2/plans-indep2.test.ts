import { inflateSync } from 'node:zlib';
import { DeviceType } from '@saeq/shared/contracts/plan-analysis';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedPlan, generateIndep2Plan, type PlanSet, setSeeds } from './generate.ts';
import { tallySymbols } from './truth.ts';

const sets: Record<PlanSet, GeneratedPlan[]> = { dev: [], holdout: [] };

beforeAll(async () => {
  for (const set of ['dev', 'holdout'] as const) {
    for (let i = 0; i < 20; i++) sets[set].push(await generateIndep2Plan(set, i));
  }
}, 60_000);

const every = () => [...sets.dev, ...sets.holdout];

/** The page's content stream as text (our pages have one Flate stream each). */
async function pageContents(pdf: Uint8Array): Promise<{ text: string; rotation: number }[]> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((page) => {
    // pdf-lib normalises a loaded page's /Contents into an array of streams.
    const contents = page.node.lookup(PDFName.of('Contents'));
    const streams =
      contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    const text = streams
      .map((stream) => {
        if (!(stream instanceof PDFRawStream)) throw new Error('expected raw content streams');
        return inflateSync(stream.contents).toString('latin1');
      })
      .join('\n');
    return { text, rotation: page.getRotation().angle };
  });
}

describe('plans-indep2 generator', () => {
  it('writes the same bytes for the same seed, and other bytes for another seed', async () => {
    const again = await generateIndep2Plan('dev', 3);
    expect(Buffer.from(again.pdf).equals(Buffer.from(sets.dev[3]?.pdf ?? new Uint8Array()))).toBe(true);
    expect(JSON.stringify(again.truth)).toBe(JSON.stringify(sets.dev[3]?.truth));
    expect(Buffer.from(sets.holdout[3]?.pdf ?? []).equals(Buffer.from(sets.dev[3]?.pdf ?? []))).toBe(false);
  });

  it('keeps the dev and holdout seeds disjoint', () => {
    const dev = new Set(setSeeds('dev'));
    expect(setSeeds('holdout').some((s) => dev.has(s))).toBe(false);
    expect(new Set(every().map((p) => p.name)).size).toBe(40);
  });

  it('counts exactly the symbols listed on the pages, with contract device types', () => {
    const types = new Set<string>(DeviceType.options);
    for (const plan of every()) {
      expect(plan.truth.counts).toEqual(tallySymbols(plan.truth.pages));
      for (const page of plan.truth.pages) {
        for (const s of page.symbols) expect(types.has(s.type), `${plan.name} ${s.type}`).toBe(true);
        for (const entry of page.legend) expect(types.has(entry.type)).toBe(true);
      }
    }
  });

  it('draws one block per truth symbol and legend row on Form-XObject sheets', async () => {
    let checked = 0;
    for (const plan of every()) {
      const contents = await pageContents(plan.pdf);
      for (const page of plan.truth.pages) {
        if (page.symbolStyle !== 'xobject') continue;
        // Blocks on a layer that is off (optional content hidden by default) are not on the sheet.
        const visible = (contents[page.number - 1]?.text ?? '').replace(/\/OC \/ocDemo BDC[\s\S]*?EMC/g, '');
        const placed = visible.match(/\/Blk\w+ Do/g)?.length ?? 0;
        expect(placed, `${plan.name} p${page.number}`).toBe(page.symbols.length + page.legend.length);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('puts every symbol inside its room and apart from the others', () => {
    for (const plan of every()) {
      for (const page of plan.truth.pages) {
        const rooms = new Map(page.rooms.map((r) => [r.name, r.bbox] as const));
        for (const s of page.symbols) {
          const box = rooms.get(s.room ?? '');
          expect(box, `${plan.name}: room ${s.room}`).toBeDefined();
          if (!box) continue;
          expect(
            s.x > box[0] && s.x < box[2] && s.y > box[1] && s.y < box[3],
            `${plan.name} ${s.type} in ${s.room}`,
          ).toBe(true);
          expect(s.bbox[0] <= s.x && s.x <= s.bbox[2] && s.bbox[1] <= s.y && s.y <= s.bbox[3]).toBe(true);
        }
        for (let i = 0; i < page.symbols.length; i++) {
          for (let j = i + 1; j < page.symbols.length; j++) {
            const a = page.symbols[i];
            const b = page.symbols[j];
            if (a && b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(6);
          }
        }
        // Room names are unique in a plan (per-room counts are keyed by name).
        expect(new Set(page.rooms.map((r) => r.name)).size).toBe(page.rooms.length);
      }
    }
  });

  it('has no text operator on stroke-text sheets and has one elsewhere; /Rotate as in the truth', async () => {
    for (const plan of every()) {
      const contents = await pageContents(plan.pdf);
      for (const page of plan.truth.pages) {
        const content = contents[page.number - 1];
        expect(content?.rotation).toBe(page.rotation);
        expect(/\bBT\b/.test(content?.text ?? ''), `${plan.name} p${page.number}`).toBe(page.textLayer);
      }
    }
  });

  it('gives panels consistent circuits, and a split schedule its two halves', () => {
    let split = 0;
    for (const plan of every()) {
      const schedules = plan.truth.pages.filter((p) => p.kind === 'schedule');
      for (const page of schedules) {
        for (const panel of page.panels) {
          const used = new Set<number>();
          const stepped = !panel.voltage.includes('230');
          for (const c of panel.circuits) {
            expect(c.number).toBeGreaterThanOrEqual(1);
            for (let k = 0; k < (stepped ? (c.poles ?? 1) : 1); k++) {
              const position = c.number + 2 * k;
              expect(position).toBeLessThanOrEqual(panel.positions);
              expect(used.has(position), `${plan.name} ${panel.name} position ${position}`).toBe(false);
              used.add(position);
            }
          }
        }
      }
      if (schedules.length === 2) {
        split++;
        const [a, b] = schedules.map((p) => p.panels[0]);
        expect(a?.name).toBe(b?.name);
        const numbers = new Set(a?.circuits.map((c) => c.number));
        expect(b?.circuits.some((c) => numbers.has(c.number))).toBe(false);
      }
    }
    expect(split).toBeGreaterThan(0);
  });

  it('shows every producer habit, wording and layout in each set', () => {
    const required = [
      'producer:revit',
      'producer:archicad',
      'producer:microstation',
      'producer:autocad-shx',
      'producer:bluebeam',
      'text:plain',
      'text:glyphs',
      'text:split',
      'text:strokes',
      'symbols:xobject',
      'symbols:exploded',
      'marks:strokes',
      'marks:text',
      'rotate-90',
      'cropbox-offset',
      'arcs-as-segments',
      'annotations',
      'revision-cloud',
      'mirrored',
      'any-angle',
      'legend:floor-table',
      'legend:floor-list',
      'legend:floor-two-columns',
      'symbols-sheet',
      'wording:iec-uk',
      'wording:za',
      'wording:qc-chantier',
      'wording:us-spec',
      'schedule:na',
      'schedule:qc',
      'schedule:iec',
      'schedule-split',
      'schedules-grid',
      'scale-bar',
      'walls-filled',
      'walls-hatched',
      'home-runs',
      'keynotes',
      'enlarged-plan',
      'ocg-layer-off',
      'luminaire-schedule',
    ];
    for (const set of ['dev', 'holdout'] as const) {
      const seen = new Set(sets[set].flatMap((p) => p.truth.pages.flatMap((page) => page.styles)));
      expect(
        required.filter((s) => !seen.has(s)),
        set,
      ).toEqual([]);
    }
  });
});
