import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { Rng } from '../scripts/plans/rng.ts';

/**
 * A synthetic dense A1 office electrical sheet (2384 × 1684 pt), built to measure how the
 * analysis scales with page content (issues 16, 20): several viewports at different scales, each
 * a grid of rooms with walls, hatching drawn as short strokes, furniture, dimension strings,
 * room names, keynotes and devices from a French legend with circuit tags; a title block.
 *
 * Written as raw content-stream operators (pdf-lib would take seconds to emit 200 000 segments
 * one `drawSvgPath` at a time). Deterministic: the same options give the same bytes.
 */
export type LargeSheetOptions = {
  /** Viewports on the sheet (laid out 2 × 2 at most); default 4. */
  viewports?: number;
  /** Room columns × rows of each viewport; default 10 × 8. */
  roomsAcross?: number;
  roomsDown?: number;
  /** Pitch of hatching strokes, pt; smaller is denser. Default 2.4. */
  hatchPitch?: number;
  /** Devices per room; default 2. */
  devicesPerRoom?: number;
  /** Extra text items per room (furniture tags, finish codes); default 16. */
  notesPerRoom?: number;
  /** Stroke every segment as its own path, as some CAD exports do (default: one path per group). */
  pathPerSegment?: boolean;
};

export type LargeSheet = {
  pdf: Uint8Array<ArrayBuffer>;
  /** What was drawn (to report alongside timings). */
  stats: { segments: number; textItems: number; devices: number; rooms: number };
};

const WIDTH = 2384;
const HEIGHT = 1684;
/** Bézier handle length of a quarter circle. */
const KAPPA = 0.5523;

class Ops {
  readonly out: string[] = [];
  constructor(private readonly pathPerSegment = false) {}
  segments = 0;
  textItems = 0;
  line(x0: number, y0: number, x1: number, y1: number): void {
    this.out.push(`${r(x0)} ${r(y0)} m ${r(x1)} ${r(y1)} l${this.pathPerSegment ? ' S' : ''}`);
    this.segments++;
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.out.push(`${r(x)} ${r(y)} ${r(w)} ${r(h)} re`);
    this.segments += 4;
  }
  circle(cx: number, cy: number, radius: number): void {
    const k = radius * KAPPA;
    this.out.push(
      `${r(cx + radius)} ${r(cy)} m`,
      `${r(cx + radius)} ${r(cy + k)} ${r(cx + k)} ${r(cy + radius)} ${r(cx)} ${r(cy + radius)} c`,
      `${r(cx - k)} ${r(cy + radius)} ${r(cx - radius)} ${r(cy + k)} ${r(cx - radius)} ${r(cy)} c`,
      `${r(cx - radius)} ${r(cy - k)} ${r(cx - k)} ${r(cy - radius)} ${r(cx)} ${r(cy - radius)} c`,
      `${r(cx + k)} ${r(cy - radius)} ${r(cx + radius)} ${r(cy - k)} ${r(cx + radius)} ${r(cy)} c h`,
    );
    this.segments += 4;
  }
  stroke(width: number): void {
    this.out.push(`${width} w S`);
  }
  fill(): void {
    this.out.push('f');
  }
  text(str: string, x: number, y: number, size: number): void {
    this.out.push(`BT /F1 ${size} Tf ${r(x)} ${r(y)} Td (${pdfString(str)}) Tj ET`);
    this.textItems++;
  }
}

function r(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

/** A PDF literal string in WinAnsi (Helvetica's encoding): accented letters as octal escapes. */
function pdfString(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 32;
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (code < 128) out += ch;
    else out += `\\${(code & 0xff).toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** Legend symbols in symbol units around (0, 0), drawn at (x, y). */
const SYMBOLS = {
  receptacle(o: Ops, x: number, y: number): void {
    o.circle(x, y, 4);
    o.line(x - 1.5, y + 2, x - 1.5, y + 7);
    o.line(x + 1.5, y + 2, x + 1.5, y + 7);
    o.stroke(0.5);
  },
  luminaire(o: Ops, x: number, y: number): void {
    o.circle(x, y, 4);
    o.line(x - 2.8, y - 2.8, x + 2.8, y + 2.8);
    o.line(x - 2.8, y + 2.8, x + 2.8, y - 2.8);
    o.stroke(0.5);
  },
  recessed(o: Ops, x: number, y: number): void {
    o.circle(x, y, 3);
    o.fill();
  },
  dataOutlet(o: Ops, x: number, y: number): void {
    o.out.push(`${r(x - 4)} ${r(y - 3)} m ${r(x + 4)} ${r(y - 3)} l ${r(x - 4)} ${r(y + 4)} l h`);
    o.segments += 3;
    o.line(x + 4, y - 3, x + 7, y - 3);
    o.stroke(0.5);
  },
  /** A short diagonal stroke: what a conduit-run legend sample looks like, and also hatching. */
  stroke(o: Ops, x: number, y: number): void {
    o.line(x - 1, y - 1, x + 1, y + 1);
    o.stroke(0.1);
  },
  heater(o: Ops, x: number, y: number): void {
    o.rect(x - 10, y - 2, 20, 4);
    o.line(x - 10, y - 2, x + 10, y + 2);
    o.stroke(0.5);
  },
} as const;
type SymbolName = keyof typeof SYMBOLS;

const LEGEND: readonly [SymbolName, string][] = [
  ['receptacle', 'Prise de courant duplex'],
  ['luminaire', 'Luminaire au plafond'],
  ['recessed', 'Luminaire encastré'],
  ['dataOutlet', 'Prise de données'],
  ['heater', 'Plinthe chauffante'],
  // Its sample looks like every hatching stroke: a flood the analysis must judge quickly.
  ['stroke', 'Conduit dissimulé dans la dalle'],
];

export async function buildLargeSheet(opts: LargeSheetOptions = {}): Promise<LargeSheet> {
  const viewports = Math.min(4, opts.viewports ?? 4);
  const across = opts.roomsAcross ?? 10;
  const down = opts.roomsDown ?? 8;
  const pitch = opts.hatchPitch ?? 2.4;
  const devicesPerRoom = opts.devicesPerRoom ?? 2;
  const notesPerRoom = opts.notesPerRoom ?? 16;
  const rng = new Rng(16);
  const random = (): number => rng.next();
  const o = new Ops(opts.pathPerSegment ?? false);
  let devices = 0;
  let rooms = 0;

  // Sheet border, title block (bottom right) and its text.
  o.rect(20, 20, WIDTH - 40, HEIGHT - 40);
  o.rect(WIDTH - 420, 20, 400, 160);
  for (let i = 1; i < 6; i++) o.line(WIDTH - 420, 20 + i * 26, WIDTH - 20, 20 + i * 26);
  o.stroke(1.2);
  const titles = [
    'CLIENT : IMMEUBLE DE BUREAUX',
    'PROJET : AMÉNAGEMENT 3e ÉTAGE',
    'DESSINÉ PAR : J.T.',
    'DATE : 2026-11-30',
    'FEUILLE E-201',
    'ÉLECTRICITÉ — ÉCLAIRAGE ET PRISES',
  ];
  titles.forEach((t, i) => {
    o.text(t, WIDTH - 410, 28 + i * 26, 9);
  });

  // Legend (top right).
  const lx = WIDTH - 400;
  let ly = HEIGHT - 60;
  o.text('LÉGENDE', lx, ly, 12);
  for (const [symbol, label] of LEGEND) {
    ly -= 24;
    SYMBOLS[symbol](o, lx + 10, ly + 3);
    o.text(label, lx + 30, ly, 8);
  }
  // General notes and keynotes under the legend: plain text rows.
  ly -= 40;
  o.text('NOTES GÉNÉRALES', lx, ly, 10);
  for (let i = 1; i <= 60; i++) {
    ly -= 11;
    o.text(
      `${i}. Tous les travaux selon le Code de construction du Québec, chapitre V — note ${i}.`,
      lx,
      ly,
      6,
    );
  }

  // Viewports, 2 × 2 in the area left of the legend column.
  const areaW = WIDTH - 480;
  const areaH = HEIGHT - 80;
  const vpW = areaW / 2 - 40;
  const vpH = areaH / 2 - 60;
  const scales = ['1:100', '1:50', '1:75', '1:100'];
  for (let v = 0; v < viewports; v++) {
    const vx = 50 + (v % 2) * (areaW / 2);
    const vy = 70 + Math.floor(v / 2) * (areaH / 2);
    o.text(`VUE ${v + 1} — PLAN DU NIVEAU ${v + 2}`, vx, vy - 28, 11);
    o.text(`ÉCHELLE ${scales[v]}`, vx, vy - 42, 8);
    const rw = vpW / across;
    const rh = vpH / down;
    // Walls: the grid of rooms with door gaps.
    for (let i = 0; i <= across; i++) {
      const x = vx + i * rw;
      for (let j = 0; j < down; j++) {
        const y0 = vy + j * rh;
        o.line(x, y0, x, y0 + rh * 0.4);
        o.line(x, y0 + rh * 0.6, x, y0 + rh);
      }
    }
    for (let j = 0; j <= down; j++) o.line(vx, vy + j * rh, vx + vpW, vy + j * rh);
    o.stroke(1.5);
    for (let i = 0; i < across; i++) {
      for (let j = 0; j < down; j++) {
        rooms++;
        const x0 = vx + i * rw;
        const y0 = vy + j * rh;
        const roomNumber = `${v + 2}${String(i * down + j + 1).padStart(2, '0')}`;
        o.text(i % 3 === 0 ? 'SALLE DE RÉUNION' : 'BUREAU', x0 + rw * 0.3, y0 + rh * 0.55, 7);
        o.text(roomNumber, x0 + rw * 0.3, y0 + rh * 0.45, 6);
        // Hatching of the floor finish as short strokes (a CAD export of a tile pattern).
        if ((i + j) % 2 === 0) {
          for (let hx = x0 + 3; hx < x0 + rw - 3; hx += pitch)
            for (let hy = y0 + 3; hy < y0 + rh - 3; hy += pitch * 2)
              o.line(hx, hy, hx + pitch * 0.6, hy + pitch * 0.6);
          o.stroke(0.1);
        }
        // Furniture: desks and chairs.
        for (let d = 0; d < 4; d++) {
          const dx = x0 + 6 + (d % 2) * rw * 0.5;
          const dy = y0 + 6 + Math.floor(d / 2) * rh * 0.5;
          o.rect(dx, dy, rw * 0.3, rh * 0.15);
          o.circle(dx + rw * 0.15, dy + rh * 0.22, 2.5);
          o.text(`P-${d + 1}`, dx + 1, dy + 1, 4);
        }
        o.stroke(0.25);
        // Furniture and finish tags: small text scattered over the room.
        for (let k = 0; k < notesPerRoom; k++)
          o.text(
            k % 2 === 0 ? `M${k + 10}` : `${(k * 37) % 900}`,
            x0 + rw * (0.05 + 0.85 * random()),
            y0 + rh * (0.05 + 0.6 * random()),
            3.5,
          );
        // Devices with their circuit tags, away from the furniture's text.
        for (let k = 0; k < devicesPerRoom; k++) {
          const [symbol] = LEGEND[Math.floor(random() * (LEGEND.length - 1))] ??
            LEGEND[0] ?? ['receptacle', ''];
          const sx = x0 + rw * (0.2 + 0.6 * random());
          const sy = y0 + rh * (0.75 + 0.1 * random());
          SYMBOLS[symbol](o, sx, sy);
          o.text(`A-${(devices % 42) + 1}`, sx + 9, sy + 4, 5);
          devices++;
        }
      }
    }
    // Dimension strings along the bottom and the left of the viewport: line, ticks, figures.
    for (let i = 0; i < across; i++) {
      const x = vx + i * rw;
      o.line(x, vy - 12, x + rw, vy - 12);
      o.line(x - 2, vy - 14, x + 2, vy - 10);
      o.text(String(Math.round(rw * 25)), x + rw / 2 - 6, vy - 10, 5);
    }
    for (let j = 0; j < down; j++) {
      const y = vy + j * rh;
      o.line(vx - 12, y, vx - 12, y + rh);
      o.line(vx - 14, y - 2, vx - 10, y + 2);
      o.text(String(Math.round(rh * 25)), vx - 30, y + rh / 2, 5);
    }
    o.stroke(0.2);
  }

  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([WIDTH, HEIGHT]);
  page.node.setFontDictionary(PDFName.of('F1'), font.ref);
  const content = doc.context.flateStream(`0 0 0 RG 0 0 0 rg\n${o.out.join('\n')}\n`);
  page.node.addContentStream(doc.context.register(content));
  return {
    pdf: new Uint8Array(await doc.save()),
    stats: { segments: o.segments, textItems: o.textItems, devices, rooms },
  };
}
