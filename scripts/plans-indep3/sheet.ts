import type { Canvas } from './canvas.ts';
import type { Rng } from './random.ts';
import { BLOCKS } from './sld.ts';

/** The parts of a title block that stay the same on every sheet of a set. */
export interface Project {
  readonly firm: string;
  readonly client: string;
  readonly title: string;
  readonly revisions: readonly (readonly [string, string, string])[];
  readonly scaleText: string;
}

const FIRMS = [
  'KHUMALO & PARTNERS CONSULTING ENGINEERS',
  'NDLOVU MEP CONSULTANTS (PTY) LTD',
  'HARTLEY BUILDING SERVICES LLP',
  'VAN WYK ELECTRICAL ENGINEERS',
  'MERIDIAN M&E DESIGN',
];
const CLIENTS = [
  'ERF 1182 PROPERTIES (PTY) LTD',
  'SIYAKHULA TRAINING CENTRE',
  'ST ANNE PRIMARY SCHOOL',
  'RIVERSIDE OFFICE PARK PHASE 2',
  'MUNICIPAL CLINIC UPGRADE',
];
const SCALE_TEXTS = ['SCALE: N.T.S.', 'SCALE : NTS', 'SCALE: N.T.S. @ A3', 'SCALE  NOT TO SCALE'];

export function makeProject(rng: Rng): Project {
  const revs: [string, string, string][] = [['A', '2026-03-14', 'ISSUED FOR COMMENT']];
  if (rng.chance(0.6)) revs.push(['B', '2026-04-02', 'ISSUED FOR TENDER']);
  if (rng.chance(0.3)) revs.push(['C', '2026-05-19', 'ISSUED FOR CONSTRUCTION']);
  return {
    firm: rng.pick(FIRMS),
    client: rng.pick(CLIENTS),
    title: rng.pick([
      'NEW OFFICES',
      'ALTERATIONS AND ADDITIONS',
      'RECREATION CLUB UPGRADE',
      'NEW CLASSROOM BLOCK',
    ]),
    revisions: revs,
    scaleText: rng.pick(SCALE_TEXTS),
  };
}

/** Width of the title-block strip on the right of a sheet. */
export function titleBlockWidth(pageW: number): number {
  return Math.min(190, Math.max(120, pageW * 0.15));
}

/** Border, and the title block on the right: firm, client, project, drawing title, scale, number, revisions. */
export function drawFrame(
  cv: Canvas,
  project: Project,
  w: number,
  h: number,
  drawingTitle: string,
  sheetNumber: string,
  paper: string,
): void {
  const m = 14;
  const tb = titleBlockWidth(w);
  const x = w - m - tb;
  const fs = Math.min(6.5, tb / 28);
  cv.lineWidth(0.9);
  cv.rect(m, m, w - 2 * m, h - 2 * m);
  cv.line(x, m, x, h - m);
  cv.lineWidth(0.35);
  let y = h - m - fs * 2;
  const put = (text: string, size = fs) => {
    // Taller text needs its own room above the baseline.
    if (size > fs) y -= size - fs;
    for (const line of wrap(cv, text, tb - 8, size)) {
      cv.text(line, x + 4, y, size);
      y -= size * 1.5;
    }
  };
  const rule = () => {
    y += fs * 0.5;
    cv.line(x, y, w - m, y);
    y -= fs * 1.6;
  };
  put(project.firm, fs * 1.1);
  rule();
  put('CLIENT:', fs * 0.8);
  put(project.client);
  rule();
  put('PROJECT:', fs * 0.8);
  put(project.title);
  rule();
  put('DRAWING TITLE:', fs * 0.8);
  put(drawingTitle, fs * 1.1);
  rule();
  // Revision table.
  put('REV   DATE         DESCRIPTION', fs * 0.8);
  for (const [rev, date, what] of project.revisions) put(`${rev}   ${date}   ${what}`, fs * 0.75);
  rule();
  put(project.scaleText);
  put(`PAPER SIZE: ${paper}`);
  rule();
  put('DRAWING No:', fs * 0.8);
  put(sheetNumber, fs * 1.8);
  put(`REV: ${project.revisions.at(-1)?.[0] ?? 'A'}`);
}

function wrap(cv: Canvas, text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (current && cv.textWidth(next, size) > width) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines;
}

const NOTES = [
  'ALL WORK TO COMPLY WITH SANS 10142-1 AND LOCAL BY-LAWS.',
  'ALL CABLES COPPER PVC INSULATED UNLESS OTHERWISE NOTED.',
  'CONTRACTOR TO VERIFY CABLE LENGTHS ON SITE BEFORE ORDERING.',
  'EARTH LEAKAGE UNITS 30mA SENSITIVITY UNLESS NOTED.',
  'DB ENCLOSURES IP54 WITH LOCKABLE DOOR, LABELS ENGRAVED.',
  'A CERTIFICATE OF COMPLIANCE SHALL BE ISSUED ON COMPLETION.',
];

/** "NOTES:" with numbered lines, top-left at (x, top). */
export function drawNotes(cv: Canvas, rng: Rng, x: number, top: number, fs: number): void {
  cv.lineWidth(0.35);
  cv.text('NOTES:', x, top - fs, fs * 1.1);
  rng
    .shuffle(NOTES)
    .slice(0, rng.int(3, 5))
    .forEach((note, i) => {
      cv.text(`${i + 1}. ${note}`, x, top - fs * (2.6 + 1.5 * i), fs);
    });
}

/** Legend of the single-line symbols, top-left at (x, top). */
export function drawSymbolLegend(cv: Canvas, x: number, top: number, fs: number): void {
  cv.lineWidth(0.35);
  cv.text('LEGEND', x, top - fs, fs * 1.2);
  const rows: [keyof typeof BLOCKS | 'BUS', string][] = [
    ['MCB', 'MINIATURE CIRCUIT BREAKER'],
    ['ISO', 'ISOLATOR / MAIN SWITCH'],
    ['RCD', 'EARTH LEAKAGE UNIT 30mA'],
    ['SPD', 'SURGE PROTECTION DEVICE'],
    ['BUS', 'BUSBAR'],
  ];
  rows.forEach(([block, label], i) => {
    const y = top - fs * (3.5 + 3.2 * i);
    if (block === 'BUS') {
      cv.lineWidth(2);
      cv.line(x, y, x + fs * 3.5, y);
      cv.lineWidth(0.35);
    } else cv.block(block, BLOCKS[block], x, y, fs * 2.6, -90);
    cv.text(label, x + fs * 5, y - fs * 0.35, fs);
  });
}

/** A drawing register: DWG No | TITLE | REV, one row per sheet of the set. */
export function drawRegister(
  cv: Canvas,
  x: number,
  top: number,
  fs: number,
  rows: readonly (readonly [string, string, string])[],
): void {
  cv.lineWidth(0.35);
  cv.text('DRAWING REGISTER', x, top - fs * 1.3, fs * 1.4);
  const widths = [fs * 9, fs * 34, fs * 5];
  const rh = fs * 2.2;
  const t = top - fs * 2.5;
  const all: (readonly [string, string, string])[] = [['DWG No', 'TITLE', 'REV'], ...rows];
  const total = widths.reduce((a, b) => a + b, 0);
  cv.rect(x, t - rh * all.length, total, rh * all.length);
  all.forEach((row, i) => {
    if (i > 0) cv.line(x, t - rh * i, x + total, t - rh * i);
    let cx = x;
    row.forEach((text, c) => {
      cv.text(text, cx + fs * 0.6, t - rh * i - rh / 2 - fs * 0.35, fs);
      cx += widths[c] ?? 0;
    });
  });
  let cx = x;
  for (const w of widths.slice(0, -1)) {
    cx += w;
    cv.line(cx, t, cx, t - rh * all.length);
  }
}
