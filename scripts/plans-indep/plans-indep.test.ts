import {
  decodePDFRawStream,
  PDFArray,
  PDFDocument,
  type PDFPage,
  PDFRawStream,
  type PDFStream,
} from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalise, sameWording, scaleRatio } from '../eval-real.ts';
import { type GeneratedPlan, generateIndepPlan, setSeeds } from './generate.ts';
import { countTruth } from './truth.ts';

/** Decoded content stream text of a page (all its streams, in order). */
function contentOf(page: PDFPage): string {
  const contents = page.node.Contents();
  const streams: PDFStream[] = [];
  if (contents instanceof PDFArray) {
    for (let i = 0; i < contents.size(); i++)
      streams.push(page.doc.context.lookup(contents.get(i)) as PDFStream);
  } else if (contents) streams.push(contents as PDFStream);
  return streams
    .map((s) =>
      s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : '',
    )
    .join('\n');
}

const COUNT = 8;
let plans: GeneratedPlan[] = [];

beforeAll(async () => {
  plans = [];
  for (let i = 0; i < COUNT; i++) plans.push(await generateIndepPlan('dev', i));
}, 120_000);

describe('independent plan generator', () => {
  it('is deterministic: the same seed gives the same bytes and truth', async () => {
    const again = await generateIndepPlan('dev', 3);
    expect(Buffer.from(again.pdf).equals(Buffer.from((plans[3] as GeneratedPlan).pdf))).toBe(true);
    expect(again.truth).toEqual((plans[3] as GeneratedPlan).truth);
  });

  it('keeps the dev and holdout seeds disjoint', () => {
    const dev = new Set(setSeeds('dev', 50));
    expect(setSeeds('holdout', 50).filter((s) => dev.has(s))).toEqual([]);
  });

  it('counts in the truth are the counts of its symbols', () => {
    for (const p of plans) {
      expect(p.truth.counts).toEqual(countTruth(p.truth.pages));
      const total = p.truth.pages.reduce((a, pg) => a + pg.symbols.length, 0);
      expect(Object.values(p.truth.counts.byType).reduce((a, b) => a + b, 0)).toBe(total);
      expect(total).toBeGreaterThan(20);
    }
  });

  it('draws one block per truth symbol plus one per legend row on Form XObject sheets', async () => {
    let checked = 0;
    for (const p of plans) {
      const doc = await PDFDocument.load(p.pdf);
      for (const tp of p.truth.pages) {
        if (tp.symbolStyle !== 'xobject') continue;
        const content = contentOf(doc.getPage(tp.number - 1));
        const blocks = content.match(/\/Blk-?\d+ Do/g)?.length ?? 0;
        expect(blocks, `${p.name} page ${tp.number}`).toBe(tp.symbols.length + tp.legend.length);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('gives every symbol a legend row of its type, on its sheet or on the symbols sheet', () => {
    for (const p of plans) {
      const rows = new Map(p.truth.pages.flatMap((pg) => pg.legend).map((r) => [r.symbolId, r]));
      for (const pg of p.truth.pages)
        for (const s of pg.symbols) {
          expect(rows.get(s.symbolId)?.type, `${p.name} ${s.symbolId}`).toBe(s.type);
          const [x0, y0, x1, y1] = s.bbox;
          expect(x0 <= s.x && s.x <= x1 && y0 <= s.y && s.y <= y1).toBe(true);
          expect(x0 >= 0 && y0 >= 0 && x1 <= pg.widthPt && y1 <= pg.heightPt).toBe(true);
        }
      // Legends list more than what is drawn.
      const drawn = new Set(p.truth.pages.flatMap((pg) => pg.symbols.map((s) => s.symbolId)));
      expect(rows.size).toBeGreaterThan(drawn.size);
    }
  });

  it('never puts two symbols on top of each other, and puts each in its room', () => {
    for (const p of plans)
      for (const pg of p.truth.pages) {
        const rooms = new Map(pg.rooms.map((r) => [r.name, r.bbox]));
        pg.symbols.forEach((a, i) => {
          const nearest = Math.min(...pg.symbols.slice(i + 1).map((b) => Math.hypot(a.x - b.x, a.y - b.y)));
          expect(nearest, `${p.name} page ${pg.number}`).toBeGreaterThan(12);
          const box = rooms.get(a.room ?? '');
          expect(box, `${p.name} ${a.room}`).toBeDefined();
          const [x0, y0, x1, y1] = box as readonly number[];
          expect(
            a.x > (x0 as number) && a.x < (x1 as number) && a.y > (y0 as number) && a.y < (y1 as number),
          ).toBe(true);
        });
      }
  });

  it('writes no text at all on sheets marked textLayer: false, and real text elsewhere', async () => {
    const seen = { outlined: 0, text: 0 };
    for (const p of plans) {
      const doc = await PDFDocument.load(p.pdf);
      for (const tp of p.truth.pages) {
        const content = contentOf(doc.getPage(tp.number - 1));
        const hasText = /\bTj\b|\bTJ\b/.test(content);
        expect(hasText, `${p.name} page ${tp.number}`).toBe(tp.textLayer);
        seen[tp.textLayer ? 'text' : 'outlined']++;
      }
    }
    expect(seen.outlined).toBeGreaterThan(0);
    expect(seen.text).toBeGreaterThan(0);
  });

  it('draws marked variants beside plain symbols and legends in several wordings', async () => {
    const all = [];
    for (let i = 0; i < 20; i++)
      all.push(i < COUNT ? (plans[i] as GeneratedPlan) : await generateIndepPlan('dev', i));
    const types = new Set(all.flatMap((p) => p.truth.pages.flatMap((pg) => pg.symbols.map((s) => s.type))));
    for (const t of [
      'receptacle',
      'receptacle_gfci',
      'receptacle_weatherproof',
      'switch',
      'switch_3way',
      'switch_dimmer',
      'luminaire_emergency',
      'exit_sign',
      'junction_box',
    ])
      expect(types.has(t), t).toBe(true);
    expect(new Set(all.map((p) => p.truth.wording)).size).toBeGreaterThanOrEqual(4);
    expect(all.some((p) => p.truth.pages.some((pg) => pg.kind === 'legend'))).toBe(true);
    expect(all.some((p) => p.truth.pages.some((pg) => pg.symbolStyle === 'exploded'))).toBe(true);
    expect(all.some((p) => p.truth.pages.some((pg) => pg.symbols.some((s) => s.rotation % 90 !== 0)))).toBe(
      true,
    );
    expect(all.some((p) => p.truth.pages.some((pg) => pg.symbols.some((s) => s.mirrored)))).toBe(true);
  }, 120_000);

  it('panel truth matches the schedule: breakers on distinct positions, multi-pole spans on one side', () => {
    for (const p of plans)
      for (const pg of p.truth.pages)
        for (const panel of pg.panels) {
          const used = new Set<number>();
          for (const c of panel.circuits) {
            for (let k = 0; k < (c.poles ?? 1); k++) {
              const pos = c.number + 2 * k;
              expect(used.has(pos)).toBe(false);
              expect(pos).toBeLessThanOrEqual(panel.positions);
              used.add(pos);
            }
            expect(c.amps).not.toBeNull();
          }
          expect(panel.name).not.toMatch(/^(PANNEAU|PANEL)\b/);
        }
  });
});

describe('real-corpus scoring helpers', () => {
  it('reads printed scales', () => {
    expect(scaleRatio('SCALE: 1:100')).toBe(100);
    expect(scaleRatio('1/4" = 1\'-0"')).toBe(48);
    expect(scaleRatio('1" = 1\'-0"')).toBe(12);
    expect(scaleRatio('ÉCHELLE : 1/50')).toBe(50);
    expect(scaleRatio('SCALE: N.T.S.')).toBeNull();
    expect(scaleRatio('As indicated')).toBeUndefined();
  });

  it('matches legend wording without accents, case or punctuation', () => {
    expect(normalise('Chandelier Light.')).toBe('chandelier light');
    expect(sameWording('CHANDELIER LIGHT', 'Chandelier Light.')).toBe(true);
    expect(sameWording('Recessed Downlighter.', 'Ceiling Light.')).toBe(false);
  });
});
