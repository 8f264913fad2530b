import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { bomToPdf, estimateLabels } from './bom-pdf.ts';
import type { BomResult } from './bom-result.ts';
import { buildBom } from './build-bom.ts';
import { categoryLabel } from './catalog.ts';
import { defaultCatalog } from './default-catalog.ts';
import { exportLabels } from './export-labels.ts';
import { type Cents, formatCad, sumCents } from './money.ts';
import { ENABLE_PDF_TEXT_TESTS, hasPdfToText, isCi, pdfPagesText } from './testing/pdf-text.ts';

// 75 SKUs of the default catalogue, one line each (18 categories): long enough for three
// pages (about 50 rows a page). The awkward labour rate exercises rounding.
const longBom = (lang: 'fr' | 'en') =>
  buildBom({
    items: defaultCatalog.items.slice(0, 75).map((item, i) => ({
      sku: item.sku,
      quantity: 1 + (i % 7),
      room: i % 2 === 0 ? 'Cuisine' : 'Sous-sol',
    })),
    catalog: defaultCatalog,
    labourRateCents: 9_137,
    lang,
    options: { splitLinesByRoom: true, difficulty: 'normal', dropAllowanceM: 2.5, homeRunAllowanceM: 15 },
  });

const header = {
  organisation: 'Électricité Gagné & Fils « Québec » inc.',
  project: 'Résidence Côté — 12, rue de l’Église',
  plan: 'plan-rdc.pdf, 2 pages, CEQ 2026',
  reference: 'bom-1234abcd',
  issuedAt: new Date(Date.UTC(2026, 11, 6)),
};

/** The text's lines, runs of spaces squeezed (pdftotext -layout pads columns). */
const squeezedLines = (text: string) => text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());

/** The first line that starts with `caption` followed by a space, if any. */
const lineOf = (text: string, caption: string) =>
  squeezedLines(text).find((l) => l.startsWith(`${caption} `));
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const plain = (s: string) => s.replace(/\u00a0/g, ' ');

function categoryTotals(bom: BomResult): Array<[string, Cents]> {
  const totals = new Map<string, Cents[]>();
  for (const line of bom.lines)
    totals.set(line.category, [...(totals.get(line.category) ?? []), line.totalCents as Cents]);
  return [...totals].map(([category, cents]) => [category, sumCents(cents)]);
}

describe('bomToPdf', () => {
  it('is deterministic and has more than one page for a long BOM', async () => {
    const bom = longBom('fr');
    const a = await bomToPdf(bom, header);
    const b = await bomToPdf(bom, header);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const doc = await PDFDocument.load(a);
    expect(doc.getPageCount()).toBe(3);
    expect(doc.getTitle()).toContain('Soumission');
  });

  it('prints a character outside WinAnsi as its base letter or "?" instead of failing', async () => {
    const bom = buildBom({
      items: [{ sku: defaultCatalog.items[0]?.sku ?? '', quantity: 1 }],
      catalog: defaultCatalog,
      labourRateCents: 9_000,
    });
    const pdf = await bomToPdf(bom, { ...header, organisation: 'Łódź 電気 Ő' });
    expect(pdf.byteLength).toBeGreaterThan(1000);
  });
});

const pdfText = hasPdfToText();
if (!pdfText) {
  if (isCi(process.env)) {
    it('has pdftotext (required under CI)', () => {
      throw new Error(`pdftotext missing: ${ENABLE_PDF_TEXT_TESTS}`);
    });
  } else {
    console.warn(`[bom-pdf] SKIPPING text read-back tests: pdftotext missing (${ENABLE_PDF_TEXT_TESTS})`);
  }
}

describe.skipIf(!pdfText)('bomToPdf read back with pdftotext', () => {
  it.each(['fr', 'en'] as const)(
    'prints every total equal to the JSON to the cent, on numbered pages (%s)',
    async (lang) => {
      const bom = longBom(lang);
      const pages = pdfPagesText(await bomToPdf(bom, { ...header, lang }));
      expect(pages).toHaveLength(3);
      pages.forEach((page, i) => {
        const n = estimateLabels.page[lang].replace('{n}', String(i + 1)).replace('{N}', '3');
        expect(page).toContain(n);
      });
      const text = pages.join('\n');
      expect(text).toContain(estimateLabels.title[lang]);
      // Accents and French punctuation survive (WinAnsi).
      expect(text).toContain('Électricité Gagné & Fils « Québec » inc.');
      expect(text).toContain('Résidence Côté — 12, rue de l’Église');
      // Issued 2026-12-06, valid 30 days.
      expect(text).toMatch(lang === 'fr' ? /Valide jusqu’au : +2027-01-05/ : /Valid until: +2027-01-05/);
      expect(text).toContain(lang === 'fr' ? 'Aide à l’estimation' : 'Estimating aid');

      for (const [category, cents] of categoryTotals(bom)) {
        const label = `${plain(exportLabels.subtotal[lang])} — ${categoryLabel(category, lang)}`;
        // "Sous-total — Câbles 3,372 2 463,46 $": caption, hours, amount.
        const amount = escapeRegExp(plain(formatCad(cents, lang)));
        expect(lineOf(text, label), label).toMatch(new RegExp(`^${escapeRegExp(label)} \\S+ ${amount}$`));
      }
      // The labour caption carries hours and rate: "Main-d’œuvre (12,5 h × 91,37 $/h)".
      const labourCaption = estimateLabels.labourDetail[lang].split(' (')[0] ?? '';
      const labourLine = squeezedLines(text).find((l) => l.startsWith(`${labourCaption} (`));
      expect(labourLine).toContain(`× ${plain(formatCad(bom.labour.rateCents as Cents, lang))}/h)`);
      expect(labourLine?.endsWith(`) ${plain(formatCad(bom.labour.totalCents as Cents, lang))}`)).toBe(true);
      const totals: Array<[string, number]> = [
        [exportLabels.materials[lang], bom.materialsCents],
        [exportLabels.subtotal[lang], bom.subtotalCents],
        [exportLabels.tps[lang], bom.taxes.tpsCents],
        [exportLabels.tvq[lang], bom.taxes.tvqCents],
        [exportLabels.total[lang], bom.totalCents],
      ];
      for (const [label, cents] of totals) {
        expect(squeezedLines(text)).toContain(`${plain(label)} ${plain(formatCad(cents as Cents, lang))}`);
      }
      // Every line's amount is printed (a line's text may be cut, never its amount).
      for (const line of bom.lines) expect(text).toContain(plain(formatCad(line.totalCents as Cents, lang)));
    },
  );
});
