import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBoard } from './boards.ts';
import { type GeneratedPlan, generateIndep3Plan, setSeeds } from './generate.ts';
import { Rng } from './random.ts';
import { strokeText, strokeTextWidth } from './stroke-font.ts';

/** Decoded content of every page (pdf-lib may wrap a page's one stream in an array on load). */
async function pageContents(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((page) => {
    const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')));
    const refs = contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of('Contents'))];
    return refs
      .map((ref) => {
        const stream = doc.context.lookup(ref);
        if (!(stream instanceof PDFRawStream)) throw new Error('content is not a raw stream');
        return inflateSync(stream.getContents()).toString('latin1');
      })
      .join('\n');
  });
}

describe('plans-indep3 generator', () => {
  // Enough plans to hold every producer habit (they rotate with the plan index).
  const plans: GeneratedPlan[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 6; i++) plans.push(await generateIndep3Plan('dev', i));
  });

  it('gives the same bytes for the same seed and different plans for different ones', async () => {
    const a = plans[2] as GeneratedPlan;
    const b = await generateIndep3Plan('dev', 2);
    const c = plans[3] as GeneratedPlan;
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
    expect(JSON.stringify(a.truth)).toBe(JSON.stringify(b.truth));
    expect(Buffer.from(a.pdf).equals(Buffer.from(c.pdf))).toBe(false);
  });

  it('names every board of a large set uniquely, the first one feeding the others', () => {
    for (const wording of ['za', 'uk', 'iec'] as const) {
      const rng = new Rng(5);
      const used = new Set<string>();
      const main = makeBoard(rng, wording, used, null);
      const boards = Array.from({ length: 25 }, () => makeBoard(rng, wording, used, main.name));
      expect(new Set([main, ...boards].map((b) => b.name)).size).toBe(26);
      expect(main.phases).toBe(3);
      expect(boards.every((b) => b.fedFrom === null || b.fedFrom === main.name)).toBe(true);
    }
  });

  it('keeps dev and holdout seeds apart', () => {
    const dev = new Set(setSeeds('dev', 200));
    expect(setSeeds('holdout', 200).some((s) => dev.has(s))).toBe(false);
  });

  it('writes PDFs that open, with one truth page per PDF page, sizes and rotation as in the truth', async () => {
    for (const plan of plans) {
      const doc = await PDFDocument.load(plan.pdf);
      const pages = doc.getPages();
      expect(pages.length).toBe(plan.truth.pages.length);
      pages.forEach((page, p) => {
        const t = plan.truth.pages[p];
        expect(t?.number).toBe(p + 1);
        expect(page.getWidth()).toBe(t?.widthPt);
        expect(page.getHeight()).toBe(t?.heightPt);
        expect(page.getRotation().angle).toBe(t?.rotation);
      });
    }
  });

  it('prints every board of the truth: name, ways, descriptions and ratings (text-layer pages)', async () => {
    let checked = 0;
    for (const plan of plans) {
      const contents = await pageContents(plan.pdf);
      plan.truth.pages.forEach((page, p) => {
        if (!page.textLayer) return;
        const content = contents[p] ?? '';
        for (const panel of page.panels) {
          expect(panel.circuits.length).toBeGreaterThan(0);
          expect(panel.positions).toBeGreaterThanOrEqual(panel.circuits.length);
          // Numbers are the printed way numbers: unique, within the board's ways.
          const numbers = panel.circuits.map((c) => c.number);
          expect(new Set(numbers).size).toBe(numbers.length);
          expect(Math.max(...numbers)).toBeLessThanOrEqual(panel.positions);
          expect(panel.voltage === '400/230 V' ? panel.phases === 3 : panel.phases === 1).toBe(true);
          checked++;
        }
        // On pages written a word per text item, every word of the truth is one of them.
        const items = new Set(
          [...content.matchAll(/<([0-9A-Fa-f]+)> Tj/g)].map((m) =>
            Buffer.from(m[1] ?? '', 'hex').toString('latin1'),
          ),
        );
        if (!page.styles.some((s) => s.startsWith('truetype-words'))) return;
        for (const panel of page.panels) {
          for (const word of panel.name.split(' ')) expect(items, panel.name).toContain(word);
          for (const c of panel.circuits) {
            for (const word of c.description.split(' ')) expect(items, c.description).toContain(word);
            expect(items).toContain(String(c.number));
          }
        }
      });
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('draws SHX pages with no text operators at all, and text pages with some', async () => {
    let shx = 0;
    let text = 0;
    for (const plan of plans) {
      const contents = await pageContents(plan.pdf);
      plan.truth.pages.forEach((page, p) => {
        const hasText = /\bBT\b/.test(contents[p] ?? '');
        expect(hasText).toBe(page.textLayer);
        if (page.textLayer) text++;
        else shx++;
      });
    }
    expect(shx).toBeGreaterThan(0);
    expect(text).toBeGreaterThan(0);
  });

  it('has a stroke glyph for every character the sheets print', () => {
    for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-/:()+=&%#²Ø') {
      const ops = strokeText(ch, 0, 0, 6);
      expect(ops, ch).toMatch(/ m\n/);
    }
    expect(strokeTextWidth('20A SP', 6)).toBeGreaterThan(strokeTextWidth('20A', 6));
  });
});
