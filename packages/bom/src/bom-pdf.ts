import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { BomLine, BomResult } from './bom-result.ts';
import { categoryLabel } from './catalog.ts';
import { exportLabels as L, unitLabel } from './export-labels.ts';
import type { Lang, LocalizedText } from './localized-text.ts';
import { type Cents, formatCad, formatScaledInt, sumCents } from './money.ts';

export interface BomPdfOptions {
  lang?: Lang;
  /** The organisation that sends the estimate (header). */
  organisation: string;
  /** Project name (the plan's name, or a BOM reference when there is no plan). */
  project: string;
  /** The plan the BOM was counted from ("file.pdf, 3 pages, CEQ 2026"), or null for an item list. */
  plan: string | null;
  /** Estimate reference printed in the header (e.g. the BOM id). */
  reference: string;
  /** Issue date (pure code reads no clock). */
  issuedAt: Date;
  /** Days the prices hold; the validity date printed is `issuedAt` + this. Default 30. */
  validityDays?: number;
}

/** Labels of the estimate PDF (the line/total captions come from the shared export labels). */
export const estimateLabels = {
  title: { fr: 'Soumission', en: 'Estimate' },
  reference: { fr: 'Référence', en: 'Reference' },
  project: { fr: 'Projet', en: 'Project' },
  plan: { fr: 'Plan', en: 'Plan' },
  noPlan: { fr: 'aucun (liste d’articles)', en: 'none (item list)' },
  issued: { fr: 'Date', en: 'Date' },
  validUntil: { fr: 'Valide jusqu’au', en: 'Valid until' },
  quantity: { fr: 'Qté', en: 'Qty' },
  hours: { fr: 'Heures', en: 'Hours' },
  amount: { fr: 'Montant', en: 'Amount' },
  labourDetail: { fr: 'Main-d’œuvre ({h} h × {rate}/h)', en: 'Labour ({h} h × {rate}/h)' },
  priceList: { fr: 'Liste de prix', en: 'Price list' },
  notes: { fr: 'Notes', en: 'Notes' },
  unpriced: {
    fr: '{n} article(s) sans prix, exclus des montants (voir le bordereau JSON).',
    en: '{n} item(s) without a price, excluded from the amounts (see the JSON BOM).',
  },
  statement: {
    fr: 'Aide à l’estimation produite par SAEQ : quantités, prix et heures sont indicatifs et doivent être vérifiés par un entrepreneur électricien avant toute soumission ferme. Ce document n’est ni une certification ni une attestation de conformité.',
    en: 'Estimating aid produced by SAEQ: quantities, prices and hours are indicative and must be checked by a licensed electrical contractor before any firm quote. This document is not a certification or a declaration of compliance.',
  },
  page: { fr: 'Page {n} de {N}', en: 'Page {n} of {N}' },
} as const satisfies Record<string, LocalizedText>;

// US Letter, points. Numbers are right-aligned at the column's right edge.
const PAGE = { width: 612, height: 792, margin: 40, bottom: 56 } as const;
const ROW = 13;
const SIZE = 8.5;
const COLUMNS = [
  { key: 'sku', x: 40, width: 84, align: 'left' },
  { key: 'description', x: 126, width: 184, align: 'left' },
  { key: 'quantity', x: 312, width: 40, align: 'right' },
  { key: 'unit', x: 356, width: 40, align: 'left' },
  { key: 'unitPrice', x: 398, width: 58, align: 'right' },
  { key: 'hours', x: 458, width: 44, align: 'right' },
  { key: 'amount', x: 504, width: 68, align: 'right' },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];
const GREY = rgb(0.35, 0.35, 0.35);

const DAY_MS = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/**
 * The BOM as a "Soumission" / "Estimate" PDF (pdf-lib, US Letter): organisation header, project
 * and plan, lines grouped by category (quantity ordered, unit, net unit price, labour hours,
 * amount = materials + labour) with a subtotal per category, then materials, labour, subtotal,
 * TPS 5 %, TVQ 9.975 %, total, validity date, price list, assumptions and the "aide à
 * l'estimation" statement, and "Page n de N" on every page. Every amount is printed from the
 * BOM's exact cents (`formatCad`), so the text read back matches the JSON to the cent.
 *
 * Text uses the standard Helvetica fonts (WinAnsi: é è à ç É œ « » ’ … —): nothing to embed,
 * text extractable. A character outside WinAnsi (a catalogue description in another script) is
 * printed without its accent, or as "?" — never an error.
 * Deterministic: the same input gives the same bytes (dates come from `issuedAt`).
 */
export async function bomToPdf(bom: BomResult, options: BomPdfOptions): Promise<Uint8Array> {
  const lang = options.lang ?? bom.lang;
  const t = (label: LocalizedText) => label[lang];
  // French typography: no-break space before the colon.
  const colon = lang === 'fr' ? '\u00a0:' : ':';
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set(regular.getCharacterSet());
  const clean = (text: string) => winAnsi(text, supported);
  doc.setTitle(`${t(estimateLabels.title)} — ${clean(options.project)}`);
  doc.setAuthor(clean(options.organisation));
  doc.setCreator('SAEQ');
  doc.setProducer('SAEQ (pdf-lib)');
  doc.setCreationDate(options.issuedAt);
  doc.setModificationDate(options.issuedAt);

  let page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;

  const text = (
    value: string,
    x: number,
    opts: { font?: PDFFont; size?: number; width?: number; align?: 'left' | 'right'; grey?: boolean } = {},
  ) => {
    const font = opts.font ?? regular;
    const size = opts.size ?? SIZE;
    const fitted = opts.width === undefined ? clean(value) : fit(clean(value), font, size, opts.width);
    const dx = opts.align === 'right' ? (opts.width ?? 0) - font.widthOfTextAtSize(fitted, size) : 0;
    page.drawText(fitted, { x: x + dx, y, size, font, ...(opts.grey ? { color: GREY } : {}) });
  };
  const rule = () =>
    page.drawLine({
      start: { x: PAGE.margin, y: y + ROW - 3 },
      end: { x: PAGE.width - PAGE.margin, y: y + ROW - 3 },
      thickness: 0.5,
      color: GREY,
    });
  const row = (cells: Partial<Record<ColumnKey, string>>, font: PDFFont = regular) => {
    for (const column of COLUMNS) {
      const value = cells[column.key];
      if (value !== undefined) text(value, column.x, { font, width: column.width, align: column.align });
    }
    y -= ROW;
  };
  const tableHeader = () => {
    row(
      {
        sku: t(L.sku),
        description: t(L.description),
        quantity: t(estimateLabels.quantity),
        unit: t(L.unit),
        unitPrice: t(L.unitPrice),
        hours: t(estimateLabels.hours),
        amount: t(estimateLabels.amount),
      },
      bold,
    );
    rule();
  };
  /** Starts a new page when fewer than `height` points remain (with the table header if asked). */
  const ensure = (height: number, inTable: boolean) => {
    if (y - height >= PAGE.bottom) return;
    page = doc.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - PAGE.margin;
    text(`${t(estimateLabels.title)} — ${options.organisation} — ${options.reference}`, PAGE.margin, {
      grey: true,
    });
    y -= ROW * 1.5;
    if (inTable) tableHeader();
  };

  // ── Header ────────────────────────────────────────────────────────────────────────────────
  text(options.organisation, PAGE.margin, { font: bold, size: 14, width: 330 });
  text(t(estimateLabels.title), PAGE.width - PAGE.margin - 200, {
    font: bold,
    size: 18,
    width: 200,
    align: 'right',
  });
  y -= 26;
  const validUntil = new Date(options.issuedAt.getTime() + (options.validityDays ?? 30) * DAY_MS);
  const facts: Array<[string, string]> = [
    [t(estimateLabels.reference), options.reference],
    [t(estimateLabels.project), options.project],
    [t(estimateLabels.plan), options.plan ?? t(estimateLabels.noPlan)],
    [t(estimateLabels.issued), isoDate(options.issuedAt)],
    [t(estimateLabels.validUntil), isoDate(validUntil)],
  ];
  for (const [label, value] of facts) {
    text(`${label}${colon}`, PAGE.margin, { font: bold, size: 9 });
    text(value, PAGE.margin + 90, { size: 9, width: PAGE.width - 2 * PAGE.margin - 90 });
    y -= ROW;
  }
  y -= ROW / 2;

  // ── Lines by category (they arrive sorted by category) ─────────────────────────────────────
  tableHeader();
  const groups: Array<{ category: string; lines: BomLine[] }> = [];
  for (const line of bom.lines) {
    const last = groups.at(-1);
    if (last !== undefined && last.category === line.category) last.lines.push(line);
    else groups.push({ category: line.category, lines: [line] });
  }
  const decimalMark = lang === 'fr' ? ',' : '.';
  const hoursText = (hours: number) => {
    const scaled = Math.round(hours * 10_000);
    const textValue = formatScaledInt(scaled, 4, decimalMark);
    // At least two decimals, so that columns line up ("0,25", "1,50", "0,0125").
    const [whole, fraction = ''] = textValue.split(decimalMark);
    return `${whole}${decimalMark}${fraction.padEnd(2, '0')}`;
  };
  for (const group of groups) {
    ensure(ROW * 3, true);
    row({ description: categoryLabel(group.category, lang) }, bold);
    for (const line of group.lines) {
      ensure(ROW, true);
      row({
        sku: line.sku,
        description: line.room ? `${line.description} — ${line.room}` : line.description,
        quantity: String(line.orderQuantity),
        unit: unitLabel(line.unit, lang),
        unitPrice: formatCad(line.unitPriceCents as Cents, lang),
        hours: hoursText(line.labourHours),
        amount: formatCad(line.totalCents as Cents, lang),
      });
    }
    ensure(ROW, true);
    const hours = group.lines.reduce((acc, l) => acc + Math.round(l.labourHours * 10_000), 0) / 10_000;
    row(
      {
        description: `${t(L.subtotal)} — ${categoryLabel(group.category, lang)}`,
        hours: hoursText(hours),
        amount: formatCad(sumCents(group.lines.map((l) => l.totalCents as Cents)), lang),
      },
      bold,
    );
    y -= ROW / 2;
  }

  // ── Totals (kept together) ────────────────────────────────────────────────────────────────
  const totals: Array<[string, Cents, boolean]> = [
    [t(L.materials), bom.materialsCents as Cents, false],
    [
      fill(t(estimateLabels.labourDetail), {
        h: hoursText(bom.labour.hours),
        rate: formatCad(bom.labour.rateCents as Cents, lang),
      }),
      bom.labour.totalCents as Cents,
      false,
    ],
    [t(L.subtotal), bom.subtotalCents as Cents, true],
    [t(L.tps), bom.taxes.tpsCents as Cents, false],
    [t(L.tvq), bom.taxes.tvqCents as Cents, false],
    [t(L.total), bom.totalCents as Cents, true],
  ];
  ensure(ROW * (totals.length + 2), false);
  y -= ROW / 2;
  const labelX = 312;
  for (const [label, cents, strong] of totals) {
    if (strong) rule();
    const font = strong ? bold : regular;
    text(label, labelX, { font, size: 9.5, width: 190 });
    text(formatCad(cents, lang), 504, { font, size: 9.5, width: 68, align: 'right' });
    y -= ROW + 2;
  }
  y -= ROW;

  // ── Notes: validity, price list, unpriced items, assumptions, statement ──────────────────
  const paragraphs = [
    `${t(estimateLabels.validUntil)} ${isoDate(validUntil)}.`,
    `${t(estimateLabels.priceList)}${colon} ${bom.priceList.priceDate} — ${bom.priceList.source}`,
    ...(bom.unpriced.length > 0
      ? [fill(t(estimateLabels.unpriced), { n: String(bom.unpriced.length) })]
      : []),
    ...bom.assumptions,
  ];
  ensure(ROW * 2, false);
  text(t(estimateLabels.notes), PAGE.margin, { font: bold, size: 9.5 });
  y -= ROW;
  const noteWidth = PAGE.width - 2 * PAGE.margin;
  for (const paragraph of paragraphs) {
    for (const line of wrap(clean(`• ${paragraph}`), regular, SIZE, noteWidth)) {
      ensure(ROW, false);
      text(line, PAGE.margin, { width: noteWidth });
      y -= ROW - 2;
    }
    y -= 2;
  }
  y -= ROW / 2;
  for (const line of wrap(clean(t(estimateLabels.statement)), bold, SIZE, noteWidth)) {
    ensure(ROW, false);
    text(line, PAGE.margin, { font: bold, width: noteWidth });
    y -= ROW - 2;
  }

  // ── Page numbers ──────────────────────────────────────────────────────────────────────────
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const label = fill(t(estimateLabels.page), { n: String(i + 1), N: String(pages.length) });
    p.drawText(label, {
      x: PAGE.width - PAGE.margin - regular.widthOfTextAtSize(label, SIZE),
      y: PAGE.bottom - 30,
      size: SIZE,
      font: regular,
      color: GREY,
    });
  });
  return doc.save({ useObjectStreams: false });
}

/**
 * Text limited to what the standard fonts can encode (WinAnsi): accents outside it are dropped
 * ("ő" → "o"), other characters become "?", thin and narrow spaces become no-break spaces.
 */
function winAnsi(text: string, supported: ReadonlySet<number>): string {
  let out = '';
  for (const char of text.replace(/[\u2009\u202f]/g, '\u00a0').replace(/[\r\n\t]+/g, ' ')) {
    const code = char.codePointAt(0) ?? 63;
    if (supported.has(code)) out += char;
    else {
      const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base !== '' && [...base].every((c) => supported.has(c.codePointAt(0) ?? 0)) ? base : '?';
    }
  }
  return out;
}

/** The text cut with "…" so that it fits `width`. */
function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 0 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Greedy word wrap to `width` (a word longer than a line is cut by `fit`). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (font.widthOfTextAtSize(candidate, size) <= width || current === '') current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}
