import { degrees, PDFDocument, PDFName, type PDFRef, StandardFonts } from 'pdf-lib';
import { type Board, makeBoard, type Wording } from './boards.ts';
import { type BlockStyle, blockContent, Canvas, type TextMode } from './canvas.ts';
import { Rng } from './random.ts';
import {
  drawFrame,
  drawNotes,
  drawRegister,
  drawSymbolLegend,
  makeProject,
  titleBlockWidth,
} from './sheet.ts';
import { type BoardStyle, boardFontSize, COLUMN_TITLES, type Column, drawBoard } from './sld.ts';
import type { Indep3Page, Indep3Panel, Indep3Truth } from './truth.ts';

export type PlanSet = 'dev' | 'holdout';

/** Dev seeds 7300 + 11i, holdout seeds 91000 + 17i: disjoint for any count below 7700. */
export function setSeeds(set: PlanSet, count = 20): number[] {
  return Array.from({ length: count }, (_, i) => (set === 'dev' ? 7300 + 11 * i : 91000 + 17 * i));
}

/**
 * Producer habits, one per plan in turn so every set holds each of them:
 * AutoCAD SHX plot (strokes, exploded blocks), TrueType per word with blocks as Form XObjects,
 * TrueType per glyph (exploded), and both again on pages with /Rotate 90 (drawn landscape in a
 * portrait MediaBox).
 */
const HABITS: readonly { text: TextMode; blocks: BlockStyle; rotated: boolean; name: string }[] = [
  { text: 'shx', blocks: 'exploded', rotated: false, name: 'autocad-shx' },
  { text: 'word', blocks: 'xobject', rotated: false, name: 'truetype-words' },
  { text: 'shx', blocks: 'exploded', rotated: true, name: 'autocad-shx-rotated' },
  { text: 'char', blocks: 'exploded', rotated: false, name: 'truetype-glyphs' },
  { text: 'word', blocks: 'xobject', rotated: true, name: 'truetype-words-rotated' },
];
const WORDINGS: readonly Wording[] = ['za', 'za', 'uk', 'za', 'iec', 'za', 'uk'];

const PAPERS = {
  A4: [842, 595],
  A3: [1191, 842],
  A1: [2384, 1684],
} as const;
type Paper = keyof typeof PAPERS;

export interface GeneratedPlan {
  readonly name: string;
  readonly pdf: Uint8Array;
  readonly truth: Indep3Truth;
}

interface SheetPlan {
  readonly paper: Paper;
  readonly boards: readonly { board: Board; style: BoardStyle; titles: Record<Column, string> }[];
}

export async function generateIndep3Plan(set: PlanSet, index: number): Promise<GeneratedPlan> {
  const seed = setSeeds(set, index + 1)[index] ?? 0;
  const rng = new Rng(seed);
  const habit = HABITS[index % HABITS.length] ?? HABITS[0];
  if (!habit) throw new Error('no habit');
  const wording = WORDINGS[index % WORDINGS.length] ?? 'za';
  const project = makeProject(rng);
  const name = `indep3-${set}-${String(index + 1).padStart(2, '0')}`;

  // Boards first: the first one is the main board that feeds the others.
  const used = new Set<string>();
  const sheets: SheetPlan[] = [];
  const sheetCount = rng.int(1, 3);
  let upstream: string | null = null;
  for (let s = 0; s < sheetCount; s++) {
    const paper: Paper = rng.pick(['A3', 'A3', 'A3', 'A4', 'A1'] as const);
    const k = paper === 'A4' ? 1 : paper === 'A3' ? rng.int(1, 4) : rng.int(3, 5);
    const layoutPref = rng.pick(['rows', 'columns', 'mixed'] as const);
    const boards = Array.from({ length: k }, () => {
      const board = makeBoard(rng, wording, used, upstream);
      upstream ??= board.name;
      const layout = layoutPref === 'mixed' ? rng.pick(['rows', 'columns'] as const) : layoutPref;
      const columns: Column[] = rng.pick([
        ['cct', 'breaker', 'cable', 'description', 'points'],
        ['cct', 'description', 'breaker', 'cable'],
        ['cct', 'breaker', 'description', 'cable', 'points'],
        ['cct', 'description', 'breaker', 'cable', 'points'],
      ] as const);
      const style: BoardStyle = { layout, grid: rng.chance(0.7), columns, withSpd: rng.chance(0.5) };
      const titles = Object.fromEntries(
        (Object.keys(COLUMN_TITLES) as Column[]).map((c) => [c, rng.pick(COLUMN_TITLES[c])]),
      ) as Record<Column, string>;
      return { board, style, titles };
    });
    sheets.push({ paper, boards });
  }
  const withRegister = rng.chance(0.5);

  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreator(
    habit.text === 'shx' ? 'AutoCAD 2022 - English 2022 (24.1s (LMS Tech))' : 'Revit / PDF printer',
  );
  doc.setProducer(habit.text === 'shx' ? 'pdfplot16.hdi 16.1.64.0' : 'PDF driver');
  const fixed = new Date(Date.UTC(2026, 4, 19, 8, 0, 0));
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  const font = await doc.embedFont(habit.text === 'char' ? StandardFonts.Courier : StandardFonts.Helvetica);
  const xobjects = new Map<string, PDFRef>();
  const pages: Indep3Page[] = [];
  const firstNumber = rng.int(1, 3) * 100;
  const prefix = rng.pick(['E-', 'E', '100-TYP-', 'EL-']);
  const sheetNo = (i: number) =>
    prefix === '100-TYP-' ? `${prefix}${String(i + 1).padStart(3, '0')}` : `${prefix}${firstNumber + i}`;
  const titleOf = (sh: SheetPlan) =>
    `SINGLE LINE DIAGRAM${sh.boards.length > 1 ? 'S' : ''} - ${sh.boards.map((b) => b.board.name).join(', ')}`;

  const allSheets: ({ kind: 'register' } | { kind: 'sld'; sheet: SheetPlan })[] = [
    ...(withRegister ? [{ kind: 'register' as const }] : []),
    ...sheets.map((sheet) => ({ kind: 'sld' as const, sheet })),
  ];
  for (const [i, entry] of allSheets.entries()) {
    const paper: Paper = entry.kind === 'register' ? 'A3' : entry.sheet.paper;
    const [W, H] = PAPERS[paper];
    const cv = new Canvas(habit.text, habit.blocks, font, 'F1', rng.pick([0.8, 0.9, 1]));
    const number = sheetNo(i);
    if (entry.kind === 'register') {
      drawFrame(cv, project, W, H, 'DRAWING REGISTER, LEGEND AND NOTES', number, paper);
      const rows = allSheets.map(
        (e, j) =>
          [
            sheetNo(j),
            e.kind === 'register' ? 'DRAWING REGISTER, LEGEND AND NOTES' : titleOf(e.sheet),
            project.revisions.at(-1)?.[0] ?? 'A',
          ] as const,
      );
      drawRegister(cv, 40, H - 40, 7, rows);
      drawSymbolLegend(cv, 40, H - 80 - rows.length * 16, 7);
      drawNotes(cv, rng, 480, H - 40, 7);
    } else {
      drawFrame(cv, project, W, H, titleOf(entry.sheet), number, paper);
      layoutBoards(cv, rng, entry.sheet, W, H);
    }
    const page = doc.addPage(habit.rotated ? [H, W] : [W, H]);
    let content = cv.content();
    if (habit.rotated) {
      // Landscape drawing in a portrait MediaBox, shown upright by /Rotate 90.
      content = `q 0 1 -1 0 ${H} 0 cm\n${content}\nQ`;
      page.setRotation(degrees(90));
    }
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(content)));
    if (habit.text !== 'shx') page.node.setFontDictionary(PDFName.of('F1'), font.ref);
    for (const [blockName, shape] of cv.usedBlocks) {
      let ref = xobjects.get(blockName);
      if (!ref) {
        ref = doc.context.register(
          doc.context.flateStream(blockContent(shape, 0.035), {
            Type: 'XObject',
            Subtype: 'Form',
            BBox: [-1, -1, 1, 2],
          }),
        );
        xobjects.set(blockName, ref);
      }
      page.node.setXObject(PDFName.of(blockName), ref);
    }
    pages.push({
      number: i + 1,
      widthPt: habit.rotated ? H : W,
      heightPt: habit.rotated ? W : H,
      rotation: habit.rotated ? 90 : 0,
      kind: entry.kind === 'register' ? 'legend' : 'schedule',
      sheetNumber: number,
      textLayer: habit.text !== 'shx',
      symbolStyle: habit.blocks,
      scale: null,
      otherScales: [],
      legend: [],
      rooms: [],
      symbols: [],
      panels: entry.kind === 'register' ? [] : entry.sheet.boards.map((b) => panelTruth(b.board)),
      styles: [
        habit.name,
        `paper-${paper}`,
        ...(entry.kind === 'sld'
          ? [...new Set(entry.sheet.boards.map((b) => `layout-${b.style.layout}`))]
          : []),
      ],
    });
  }
  const pdf = await doc.save({ useObjectStreams: false });
  const truth: Indep3Truth = {
    name,
    generator: 'plans-indep3',
    set,
    seed,
    language: 'en',
    wording,
    summary: `${habit.name}, ${wording} wording, ${sheets.reduce((a, s) => a + s.boards.length, 0)} boards on ${sheets.length} SLD sheet(s)${withRegister ? ' + drawing register' : ''}`,
    expectedWarnings: [],
    pages,
    counts: { byType: {}, byRoom: {}, bySheet: {} },
  };
  return { name, pdf, truth };
}

function panelTruth(board: Board): Indep3Panel {
  return {
    name: board.name,
    voltage: board.voltage,
    phases: board.phases,
    mainA: board.mainA,
    positions: board.ways.length,
    circuits: board.ways
      .filter((w) => !w.space)
      .map((w) => ({ number: w.number, description: w.description, amps: w.amps, poles: w.poles })),
  };
}

/** Boards in a grid over the drawing area (left of the title block), notes and legend below when room. */
function layoutBoards(cv: Canvas, rng: Rng, sheet: SheetPlan, W: number, H: number): void {
  const m = 22;
  const right = W - 14 - titleBlockWidth(W) - 8;
  const footer = sheet.paper === 'A4' ? 0 : rng.chance(0.6) ? H * 0.14 : 0;
  const k = sheet.boards.length;
  // The grid (columns × rows) that gives the smallest board the largest text.
  const grid = (cols: number) => {
    const rows = Math.ceil(k / cols);
    return { cols, rows, cellW: (right - m) / cols, cellH: (H - 2 * m - footer) / rows };
  };
  const smallest = (g: ReturnType<typeof grid>) =>
    Math.min(
      ...sheet.boards.map((b) =>
        boardFontSize(cv, b.board, b.style, b.titles, { x: 0, top: 0, w: g.cellW - 10, h: g.cellH - 10 }),
      ),
    );
  const { cols, cellW, cellH } = Array.from({ length: k }, (_, i) => grid(i + 1)).reduce((best, g) =>
    smallest(g) > smallest(best) + 0.05 ? g : best,
  );
  sheet.boards.forEach((b, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    drawBoard(cv, b.board, b.style, b.titles, {
      x: m + c * cellW,
      top: H - m - r * cellH,
      w: cellW - 10,
      h: cellH - 10,
    });
  });
  if (footer > 0) {
    const fs = Math.min(7, footer / 14);
    drawNotes(cv, rng, m + 4, m + footer - 4, fs);
    drawSymbolLegend(cv, m + (right - m) * 0.6, m + footer - 4, fs * 0.9);
  }
}
