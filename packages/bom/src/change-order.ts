import type { BomDelta, BomLineDelta } from '@saeq/shared/contracts/plan-comparison';
import ExcelJS from 'exceljs';
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { Lang } from './localized-text.ts';
import { type Cents, formatCad, TAX_RATE_DENOMINATOR, TPS_RATE, TVQ_RATE } from './money.ts';

/**
 * The change order ("Avenant") of a revision compare: the BOM lines added and removed between
 * two issues of a drawing, labour, TPS, TVQ and total, as XLSX or a one-document PDF. Pure: the
 * delta in, bytes out. An "aide à la vérification", not a signed change order.
 */
export type ChangeOrderInput = {
  delta: BomDelta;
  /** e.g. "Maison témoin — Rév. 1 → Rév. 2". */
  title: string;
  lang: Lang;
  /** Document date (pure code reads no clock). */
  createdAt: Date;
};

const T = {
  heading: { fr: 'Avenant', en: 'Change order' },
  added: { fr: 'Ajouts', en: 'Added' },
  removed: { fr: 'Retraits', en: 'Removed' },
  sku: { fr: 'Code', en: 'SKU' },
  description: { fr: 'Description', en: 'Description' },
  quantity: { fr: 'Qté commandée', en: 'Order qty' },
  hours: { fr: 'Heures', en: 'Hours' },
  materials: { fr: 'Matériel', en: 'Materials' },
  labour: { fr: 'Main-d’œuvre', en: 'Labour' },
  total: { fr: 'Total', en: 'Total' },
  subtotal: { fr: 'Sous-total', en: 'Subtotal' },
  tps: { fr: 'TPS 5 %', en: 'GST 5%' },
  tvq: { fr: 'TVQ 9,975 %', en: 'QST 9.975%' },
  grandTotal: { fr: 'Total de l’avenant', en: 'Change order total' },
  none: { fr: 'Aucune ligne.', en: 'No lines.' },
  disclaimer: {
    fr: 'Aide à la vérification : écart de bordereau entre deux révisions, à valider par un estimateur.',
    en: 'Verification aid: BOM difference between two revisions, to be checked by an estimator.',
  },
  date: { fr: 'Date', en: 'Date' },
} as const satisfies Record<string, Record<Lang, string>>;

const MONEY_FORMAT: Record<Lang, string> = { fr: '#,##0.00\\ "$"', en: '"$"#,##0.00' };

function summaryRows(d: BomDelta, lang: Lang): [string, number][] {
  return [
    [T.materials[lang], d.materialsDelta],
    [T.labour[lang], d.labourDelta],
    [T.subtotal[lang], d.subtotalDelta],
    [T.tps[lang], d.tpsDelta],
    [T.tvq[lang], d.tvqDelta],
    [T.grandTotal[lang], d.totalDelta],
  ];
}

/** The change order as a workbook: one sheet, added lines, removed lines, then the totals (cents / 100 in cells). */
export async function changeOrderToXlsx(input: ChangeOrderInput): Promise<Buffer> {
  const { delta, lang } = input;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SAEQ';
  workbook.created = input.createdAt;
  workbook.modified = input.createdAt;
  const sheet = workbook.addWorksheet(T.heading[lang]);
  const money = MONEY_FORMAT[lang];
  sheet.columns = [
    { width: 18 },
    { width: 48 },
    { width: 14 },
    { width: 10 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
  ];
  sheet.addRow([`${T.heading[lang]} — ${input.title}`]).font = { bold: true, size: 14 };
  sheet.addRow([T.date[lang], input.createdAt.toISOString().slice(0, 10)]);
  sheet.addRow([T.disclaimer[lang]]).font = { italic: true };
  const header = [T.sku, T.description, T.quantity, T.hours, T.materials, T.labour, T.total].map(
    (t) => t[lang],
  );
  const section = (title: string, lines: readonly BomLineDelta[]) => {
    sheet.addRow([]);
    sheet.addRow([title]).font = { bold: true };
    sheet.addRow(header).font = { bold: true };
    if (lines.length === 0) sheet.addRow([T.none[lang]]);
    for (const l of lines) {
      const row = sheet.addRow([
        l.sku,
        l.description,
        l.orderQuantityDelta,
        l.labourHoursDelta,
        l.materialsCentsDelta / 100,
        l.labourCentsDelta / 100,
        l.totalCentsDelta / 100,
      ]);
      for (const c of [5, 6, 7]) row.getCell(c).numFmt = money;
    }
  };
  section(T.added[lang], delta.added);
  section(T.removed[lang], delta.removed);
  sheet.addRow([]);
  for (const [label, cents] of summaryRows(delta, lang)) {
    const row = sheet.addRow(['', label, '', '', '', '', cents / 100]);
    row.getCell(7).numFmt = money;
    row.font = { bold: label === T.grandTotal[lang] };
  }
  // Rates as the code applies them (money.ts): TPS 5 %, TVQ 9.975 %.
  sheet.addRow([
    '',
    `TPS ${(TPS_RATE / TAX_RATE_DENOMINATOR) * 100} % / TVQ ${(TVQ_RATE / TAX_RATE_DENOMINATOR) * 100} %`,
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Text the standard Helvetica (WinAnsi) can draw: other characters become '?'. */
function winAnsi(text: string): string {
  return text.replace(
    /[^\u0020-\u007e\u00a0-\u00ff\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac\u0152\u0153]/g,
    '?',
  );
}

/** The change order as a PDF (pdf-lib, letter pages): same content as the XLSX. */
export async function changeOrderToPdf(input: ChangeOrderInput): Promise<Uint8Array> {
  const { delta, lang } = input;
  const doc = await PDFDocument.create();
  doc.setTitle(`${T.heading[lang]} — ${input.title}`);
  doc.setCreator('SAEQ');
  doc.setCreationDate(input.createdAt);
  doc.setModificationDate(input.createdAt);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const cad = (cents: number) => formatCad(cents as Cents, lang);
  let page: PDFPage = doc.addPage([612, 792]);
  let y = 750;
  const line = (text: string, opts: { x?: number; size?: number; f?: PDFFont; right?: number } = {}) => {
    const size = opts.size ?? 9;
    const f = opts.f ?? font;
    const t = winAnsi(text);
    const x = opts.right !== undefined ? opts.right - f.widthOfTextAtSize(t, size) : (opts.x ?? 40);
    page.drawText(t, { x, y, size, font: f, color: rgb(0, 0, 0) });
  };
  const next = (dy = 13) => {
    y -= dy;
    if (y < 50) {
      page = doc.addPage([612, 792]);
      y = 750;
    }
  };
  line(`${T.heading[lang]} — ${input.title}`, { size: 15, f: bold });
  next(18);
  line(`${T.date[lang]} : ${input.createdAt.toISOString().slice(0, 10)}`);
  next();
  line(T.disclaimer[lang], { size: 8 });
  next(20);
  const section = (title: string, lines: readonly BomLineDelta[]) => {
    line(title, { size: 11, f: bold });
    next();
    line(T.sku[lang], { f: bold });
    line(T.description[lang], { x: 130, f: bold });
    line(T.quantity[lang], { right: 400, f: bold });
    line(T.total[lang], { right: 570, f: bold });
    next();
    if (lines.length === 0) {
      line(T.none[lang]);
      next();
    }
    for (const l of lines) {
      line(l.sku.slice(0, 18));
      line(l.description.slice(0, 50), { x: 130 });
      line(String(l.orderQuantityDelta), { right: 400 });
      line(cad(l.totalCentsDelta), { right: 570 });
      next();
    }
    next(8);
  };
  section(T.added[lang], delta.added);
  section(T.removed[lang], delta.removed);
  for (const [label, cents] of summaryRows(delta, lang)) {
    const f = label === T.grandTotal[lang] ? bold : font;
    line(label, { x: 330, f });
    line(cad(cents), { right: 570, f });
    next();
  }
  return doc.save({ useObjectStreams: false });
}
