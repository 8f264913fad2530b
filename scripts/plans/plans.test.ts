import { decodePDFRawStream, PDFArray, PDFDocument, type PDFPage, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeviceType } from '../../packages/shared/src/contracts/plan-analysis.ts';
import { scannedPlanPdf, truncatePdf } from './edge-fixtures.ts';
import { boxesOverlap } from './geometry.ts';
import { corpusSpecs, type GeneratedPlan, generatePlan, type PlanSpec, sampleSpec } from './index.ts';
import { SYMBOL_STYLES, styleById } from './symbols.ts';

const PAPER_M = 0.0254 / 72;
const corpus = corpusSpecs();

/** A spread of the corpus: rotations 90/180/270, letter portrait, legend cover sheet, commercial, imperial, A1. */
const SUBSET = [2, 4, 6, 7, 9];
let plans: GeneratedPlan[] = [];

beforeAll(async () => {
  const specs: PlanSpec[] = [
    sampleSpec(),
    ...SUBSET.map((i) => corpus[i]).filter((s): s is PlanSpec => s !== undefined),
  ];
  plans = await Promise.all(specs.map((s) => generatePlan(s)));
});

/** Decoded content streams of a page, as Latin-1 text. */
function pageContent(page: PDFPage): string {
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((r) => page.doc.context.lookup(r)) : [contents];
  return streams
    .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
    .map((s) => Buffer.from(decodePDFRawStream(s).decode()).toString('latin1'))
    .join('\n');
}

/** WinAnsi hex form of a string as pdf-lib writes it for standard fonts (`<48656C6C6F> Tj`). */
function winAnsiHex(text: string): string {
  const special: Record<string, number> = { '’': 0x92, '—': 0x97, œ: 0x9c, Œ: 0x8c };
  return [...text]
    .map((ch) => (special[ch] ?? ch.charCodeAt(0)).toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

describe('corpus specs', () => {
  it('has at least 30 plans covering languages, papers, rotations, units and schedule layouts', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    const sheets = corpus.flatMap((s) => s.sheets);
    expect(new Set(corpus.map((s) => s.language))).toEqual(new Set(['fr', 'en']));
    expect(new Set(sheets.map((s) => s.paper))).toEqual(new Set(['letter', 'tabloid', 'a3', 'a1', 'archD']));
    expect(new Set(sheets.map((s) => s.orientation))).toEqual(new Set(['portrait', 'landscape']));
    expect(new Set(sheets.map((s) => s.pageRotation))).toEqual(new Set([0, 90, 180, 270]));
    expect(new Set(sheets.filter((s) => s.kind === 'floor').map((s) => s.units))).toEqual(
      new Set(['metric', 'imperial', 'none']),
    );
    expect(new Set(corpus.flatMap((s) => s.panels.map((p) => p.layout)))).toEqual(
      new Set(['one-column', 'two-column']),
    );
    expect(new Set(corpus.map((s) => s.sheets.length))).toEqual(new Set([1, 2, 3, 4]));
    expect(new Set(corpus.map((s) => s.legendTitle)).size).toBeGreaterThanOrEqual(5);
  });

  it('gives every legend row a valid DeviceType matching its symbol style', () => {
    for (const spec of [sampleSpec(), ...corpus]) {
      for (const row of spec.legend) {
        expect(DeviceType.safeParse(row.type).success).toBe(true);
        expect(styleById(row.styleId).type).toBe(row.type);
      }
    }
  });

  it('never draws two legend rows of one plan alike', () => {
    for (const spec of corpus) {
      const looks = spec.legend.map((r) => {
        const style = styleById(r.styleId);
        return style.container ? `${style.container}:${r.symbolText}` : style.id;
      });
      expect(new Set(looks).size).toBe(looks.length);
    }
  });

  it('uses at least 3 symbol styles per common device type across the corpus', () => {
    const common = [
      'receptacle',
      'receptacle_gfci',
      'receptacle_240v',
      'switch',
      'switch_3way',
      'luminaire',
      'luminaire_recessed',
      'smoke_detector',
      'co_detector',
      'exhaust_fan',
      'baseboard_heater',
      'thermostat',
      'panel',
      'ev_charger',
      'data_outlet',
    ];
    for (const type of common) {
      const used = new Set(
        corpus.flatMap((s) => s.legend.filter((r) => r.type === type).map((r) => r.styleId)),
      );
      expect(used.size, type).toBeGreaterThanOrEqual(3);
    }
    expect(SYMBOL_STYLES.length).toBeGreaterThanOrEqual(60);
  });
});

describe('generatePlan', () => {
  it('is deterministic: same spec, same bytes and truth', async () => {
    const again = await generatePlan(sampleSpec());
    const first = plans[0];
    expect(first).toBeDefined();
    expect(Buffer.from(again.pdf).equals(Buffer.from(first?.pdf ?? new Uint8Array()))).toBe(true);
    expect(again.truth).toEqual(first?.truth);
    expect(JSON.stringify(corpusSpecs())).toBe(JSON.stringify(corpus));
  });

  it('counts in the truth equal the symbols the renderer drew', () => {
    for (const plan of plans) {
      const symbols = plan.truth.pages.flatMap((p) => p.symbols);
      expect(symbols.length).toBe(plan.drawnSymbols);
      expect(plan.drawnSymbols).toBeGreaterThan(30);
      const sum = (c: Record<string, number>): number => Object.values(c).reduce((s, n) => s + n, 0);
      expect(sum(plan.truth.counts.byType)).toBe(symbols.length);
      for (const page of plan.truth.pages)
        expect(sum(plan.truth.counts.bySheet[String(page.number)] ?? {})).toBe(page.symbols.length);
      const inRooms = symbols.filter((s) => s.room !== null).length;
      expect(Object.values(plan.truth.counts.byRoom).reduce((s, c) => s + sum(c), 0)).toBe(inRooms);
    }
  });

  it('parses back with pdf-lib with the truth page count, sizes and rotations', async () => {
    for (const plan of plans) {
      const doc = await PDFDocument.load(plan.pdf);
      expect(doc.getPageCount()).toBe(plan.truth.pages.length);
      doc.getPages().forEach((page, i) => {
        const t = plan.truth.pages[i];
        expect(page.getSize()).toEqual({ width: t?.widthPt, height: t?.heightPt });
        expect(page.getRotation().angle).toBe(t?.rotation);
      });
    }
    const rotations = new Set(plans.flatMap((p) => p.truth.pages.map((pg) => pg.rotation)));
    expect(rotations).toEqual(new Set([0, 90, 180, 270]));
  });

  it('prints every legend label, room name, circuit tag and scale note in the page text', async () => {
    for (const plan of plans) {
      const doc = await PDFDocument.load(plan.pdf);
      for (const [i, page] of doc.getPages().entries()) {
        const content = pageContent(page).toUpperCase();
        const t = plan.truth.pages[i];
        const texts = [
          ...(t?.legend.map((l) => l.label) ?? []),
          ...(t?.rooms.map((r) => r.name) ?? []),
          ...(t?.symbols.flatMap((s) => (s.circuit ? [s.circuit] : [])) ?? []),
          ...(t?.scale ? [t.scale.text] : []),
          ...(t?.panels.flatMap((p) => p.circuits.map((c) => c.description)) ?? []),
        ];
        const missing = texts.filter((text) => !content.includes(`<${winAnsiHex(text)}>`));
        expect(missing, `${plan.name} p${i + 1}`).toEqual([]);
      }
    }
  });

  it('keeps symbols on the page, apart from each other and inside their room', () => {
    const problems: string[] = [];
    for (const plan of plans) {
      for (const page of plan.truth.pages) {
        for (const [i, s] of page.symbols.entries()) {
          const id = `${plan.name} p${page.number} #${i} ${s.symbolId}`;
          const [x0, y0, x1, y1] = s.bbox;
          if (!(x0 >= 0 && y0 >= 0 && x1 <= page.widthPt && y1 <= page.heightPt))
            problems.push(`${id} off page`);
          if (!(s.x >= x0 && s.x <= x1 && s.y >= y0 && s.y <= y1))
            problems.push(`${id} centre outside its box`);
          for (const other of page.symbols.slice(i + 1))
            if (boxesOverlap(s.bbox, other.bbox)) problems.push(`${id} overlaps another symbol`);
          if (s.room !== null) {
            const [rx0, ry0, rx1, ry1] = page.rooms.find((r) => r.name === s.room)?.bbox ?? [0, 0, 0, 0];
            if (!(s.x >= rx0 && s.x <= rx1 && s.y >= ry0 && s.y <= ry1))
              problems.push(`${id} outside ${s.room}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('turns some ceiling fixtures by angles other than right angles, never wall devices', () => {
    const skewed = plans
      .flatMap((p) => p.truth.pages.flatMap((pg) => pg.symbols))
      .filter((s) => s.rotation % 90 !== 0);
    expect(skewed.length).toBeGreaterThan(0);
    for (const s of skewed) expect([15, 30, 45, 60, 75]).toContain(s.rotation % 90);
    const wallTypes = new Set([
      'receptacle',
      'receptacle_gfci',
      'receptacle_240v',
      'switch',
      'switch_3way',
      'baseboard_heater',
    ]);
    expect(skewed.filter((s) => wallTypes.has(s.type))).toEqual([]);
    expect(corpus.filter((s) => s.style.skewProbability > 0).length).toBeGreaterThanOrEqual(5);
    expect(sampleSpec().style.skewProbability).toBe(0);
  });

  it('tags symbols only with circuits that exist in the panel schedules', () => {
    for (const plan of plans) {
      const panels = plan.truth.pages.flatMap((p) => p.panels);
      expect(panels.length).toBeGreaterThan(0);
      for (const s of plan.truth.pages.flatMap((p) => p.symbols)) {
        if (!s.circuit) continue;
        const m = /^(?:(.+)-)?(\d+)$/.exec(s.circuit);
        expect(m).not.toBeNull();
        const panel = m?.[1] ? panels.find((p) => p.name === m[1]) : panels[0];
        expect(
          panel?.circuits.some((c) => c.number === Number(m?.[2])),
          `${plan.name} ${s.circuit}`,
        ).toBe(true);
      }
    }
  });

  it('states areas from the interior rectangle and the scale', () => {
    const sample = plans[0]?.truth.pages[0];
    expect(sample?.scale).toEqual({ text: 'ÉCHELLE 1:50', metresPerPoint: 50 * PAPER_M });
    const mpp = sample?.scale?.metresPerPoint ?? 0;
    for (const room of sample?.rooms ?? []) {
      const [x0, y0, x1, y1] = room.bbox;
      expect(room.areaM2).toBeCloseTo((x1 - x0) * mpp * ((y1 - y0) * mpp), 1);
    }
    expect(sample?.rooms.map((r) => r.name).sort()).toEqual([
      'CHAMBRE 1',
      'CHAMBRE 2',
      'CORRIDOR',
      'CUISINE',
      'ENTRÉE',
      'SALLE DE BAIN',
      'SALON',
    ]);
    expect(sample?.legend.length).toBeGreaterThanOrEqual(10);
    expect(sample?.panels[0]).toMatchObject({ name: 'A', voltage: '120/240 V', phases: 1, mainA: 200 });
  });
});

describe('edge fixtures', () => {
  it('builds an image-only scanned page with no text operators', async () => {
    const { pdf, truth } = await scannedPlanPdf();
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const content = pageContent(doc.getPage(0));
    expect(content).toMatch(/\/Image-?\w* Do/);
    expect(content).not.toMatch(/\bTj\b|\bBT\b/);
    expect(truth.expectedWarnings).toEqual(['scanned_page']);
  });

  it('truncates a plan so that the header survives and the document does not load', async () => {
    const cut = truncatePdf(plans[0]?.pdf ?? new Uint8Array());
    expect(Buffer.from(cut.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    await expect(PDFDocument.load(cut).then((d) => d.getPageCount())).rejects.toThrow();
  });
});
