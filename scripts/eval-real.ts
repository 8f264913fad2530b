/**
 * Scoring of the analysis on `../shared/plans-real` (real public sheets with hand-made truth,
 * read at evaluation time only — never copied into the repository). Its truth.json is not in the
 * generator's format: symbol counts are keyed by legend entry, panels carry their header and
 * circuit-position count, scales and room names are as printed (see its `_conventions`).
 *
 * Scored, on every field the truth has:
 * - symbol counts: per legend entry, the analysed symbols of that page whose legend label matches
 *   the entry's text (or, on a sheet without a legend, the symbols of the entry's device type),
 *   within ±10 % of the truth;
 * - panels: found by name on the page, circuit positions equal to the truth, header (voltage,
 *   phases, main rating) agreeing on every part the truth gives;
 * - scales: the page scale equals one printed scale within 0.5 % (N.T.S. or no scale: none found);
 * - room names: names found on the page against the printed ones.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';

type RealCount = { legend_entry: string; count: number; confidence?: string };
type RealPanel = {
  name: string;
  header_as_printed?: string;
  voltage?: string;
  phase_wires?: string;
  main?: string;
  circuit_positions?: number | null;
};
type RealSheet = {
  page: number | string;
  scales?: string[];
  legend?: { entries?: Record<string, string[]> };
  legend_notes?: string;
  symbol_counts?: RealCount[];
  panel_schedules?: RealPanel[];
  room_names?: (string | { number: string; name: string })[];
  expected_behaviour?: string;
};
type RealFile = { file: string; sheets: RealSheet[] };

/**
 * Device type of each counted legend entry, for sheets without a legend (the symbols are then
 * recognised by shape) and for the per-type summary. Keyed by the entry text as the truth gives it.
 */
export const REAL_ENTRY_TYPES: Record<string, string> = {
  'Chandelier Light.': 'luminaire',
  '600x600 LED Diffused light in suspended ceiling': 'luminaire',
  'Recessed Downlighter.': 'luminaire_recessed',
  'LED Tube light surface mounted': 'luminaire',
  '1 Way Switch @ 1200mm above FFL.': 'switch',
  '18W LED Ceiling light surface mount': 'luminaire',
  "junction box (circle with 'J'; no legend on sheet)": 'junction_box',
};

export function normalise(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Same wording: equal once normalised, or one contains the other, or 80 % of the words shared. */
export function sameWording(a: string, b: string): boolean {
  const na = normalise(a);
  const nb = normalise(b);
  if (na.length === 0 || nb.length === 0) return false;
  if (na === nb || na.includes(nb) || nb.includes(na)) return true;
  const wa = new Set(na.split(' '));
  const wb = new Set(nb.split(' '));
  const shared = [...wa].filter((w) => wb.has(w)).length;
  return shared / Math.max(wa.size, wb.size) >= 0.8;
}

const PT_PER_M = 72 / 0.0254;

/** Drawing-to-reality ratio of a printed scale; null for "not to scale"; undefined if unreadable. */
export function scaleRatio(text: string): number | null | undefined {
  const t = text.toUpperCase();
  if (/N\.?\s*T\.?\s*S\.?|S\.\s*O\.|NOT TO SCALE|SANS [EÉ]CHELLE/.test(t)) return null;
  const ratio = t.match(/1\s*[:/]\s*(\d+(?:[.,]\d+)?)/);
  const imperial = t.match(/(\d+)(?:\s*\/\s*(\d+))?\s*"\s*=\s*(\d+)\s*'\s*-?\s*(\d+)?\s*"?/);
  if (imperial) {
    const inches = Number(imperial[1]) / (imperial[2] ? Number(imperial[2]) : 1);
    const realInches = Number(imperial[3]) * 12 + Number(imperial[4] ?? 0);
    return realInches / inches;
  }
  if (ratio) return Number((ratio[1] as string).replace(',', '.'));
  return undefined;
}

export interface RealReport {
  readonly markdown: string;
  readonly counts: { withinTen: number; total: number };
  readonly panels: { found: number; positionsExact: number; headerOk: number; total: number };
  readonly scales: { correct: number; total: number };
  readonly rooms: { tp: number; fp: number; fn: number };
}

/** Reads the truth; null when the folder is absent (the caller prints one line and skips). */
export function readRealTruth(dir: string): RealFile[] | null {
  const path = join(dir, 'truth.json');
  if (!existsSync(path)) return null;
  const all = JSON.parse(readFileSync(path, 'utf8')) as (RealFile | { _conventions: unknown })[];
  return all.filter((e): e is RealFile => 'file' in e);
}

const firstNumber = (s: string | undefined) => {
  const m = s?.match(/(\d+(?:\.\d+)?)\s*A\b/i) ?? s?.match(/(\d+(?:\.\d+)?)/);
  return m ? Number(m[1]) : null;
};

export function scoreRealFile(
  truth: RealFile,
  analysis: PlanAnalysis,
): { lines: string[]; report: Omit<RealReport, 'markdown'> } {
  const lines: string[] = [];
  const counts = { withinTen: 0, total: 0 };
  const panels = { found: 0, positionsExact: 0, headerOk: 0, total: 0 };
  const scales = { correct: 0, total: 0 };
  const rooms = { tp: 0, fp: 0, fn: 0 };
  const name = truth.file.replace(/^pdf\//, '').replace(/\.pdf$/, '');
  for (const sheet of truth.sheets) {
    if (typeof sheet.page !== 'number') continue;
    const page = analysis.pages.find((p) => p.number === sheet.page);
    const where = `${name} p${sheet.page}`;
    for (const c of sheet.symbol_counts ?? []) {
      counts.total++;
      const type = REAL_ENTRY_TYPES[c.legend_entry] ?? null;
      const ids = new Set(
        (page?.legend ?? []).filter((l) => sameWording(l.label, c.legend_entry)).map((l) => l.symbolId),
      );
      const noLegend = !sheet.legend?.entries;
      const found =
        ids.size > 0
          ? (page?.symbols ?? []).filter((s) => ids.has(s.symbolId)).length
          : noLegend && type
            ? (page?.symbols ?? []).filter((s) => s.type === type).length
            : 0;
      const ok = Math.abs(found - c.count) <= 0.1 * c.count;
      if (ok) counts.withinTen++;
      lines.push(
        `| ${where} | count: ${c.legend_entry} (${type ?? '?'}) | ${c.count} | ${found}${ids.size === 0 && !noLegend ? ' (entry not in legend)' : ''} | ${ok ? 'yes' : 'no'} |`,
      );
    }
    for (const p of sheet.panel_schedules ?? []) {
      panels.total++;
      const all = analysis.pages.flatMap((pg) => pg.panels);
      const onPage = page?.panels ?? [];
      const match = [...onPage, ...all].find((f) => sameWording(f.name, p.name));
      const positions = match?.circuits.length ?? null;
      const positionsOk =
        match !== undefined && p.circuit_positions != null && positions === p.circuit_positions;
      const volts = p.voltage?.match(/\d+/g)?.join('/') ?? null;
      const phases = p.phase_wires ? (/3\s*PH|3Ø|3 PH/i.test(p.phase_wires) ? 3 : 1) : null;
      const main = firstNumber(p.main);
      const headerParts = [
        volts === null || (match?.voltage ?? '').match(/\d+/g)?.join('/')?.includes(volts) === true,
        phases === null || match?.phases === phases,
        main === null || match?.mainA === main,
      ];
      const headerOk = match !== undefined && headerParts.every(Boolean);
      if (match) panels.found++;
      if (positionsOk) panels.positionsExact++;
      if (headerOk) panels.headerOk++;
      lines.push(
        `| ${where} | panel ${p.name} (${p.circuit_positions ?? '?'} positions; ${volts ?? '?'} V, ${phases ?? '?'} ph, main ${main ?? '?'} A) | found | ${match ? `${match.name}: ${positions} positions; ${match.voltage ?? '?'}, ${match.phases ?? '?'} ph, main ${match.mainA ?? '?'}` : 'not found'} | ${match ? `positions ${positionsOk ? 'yes' : 'no'}, header ${headerOk ? 'yes' : 'no'}` : 'no'} |`,
      );
    }
    if (sheet.scales) {
      const ratios = sheet.scales.map(scaleRatio).filter((r): r is number | null => r !== undefined);
      const wanted = ratios.filter((r): r is number => r !== null);
      const got = page?.scale ? page.scale.metresPerPoint * PT_PER_M : null;
      const ok =
        wanted.length === 0
          ? got === null
          : got !== null && wanted.some((r) => Math.abs(got / r - 1) <= 0.005);
      scales.total++;
      if (ok) scales.correct++;
      lines.push(
        `| ${where} | scale ${sheet.scales.length ? sheet.scales.join(' / ') : '(none printed)'} | ${wanted.length ? wanted.map((r) => `1:${r}`).join(' or ') : 'none'} | ${got === null ? 'none' : `1:${Math.round(got * 10) / 10}`} | ${ok ? 'yes' : 'no'} |`,
      );
    }
    if (sheet.room_names) {
      const want = [...new Set(sheet.room_names.map((r) => normalise(typeof r === 'string' ? r : r.name)))];
      const got = [...new Set((page?.rooms ?? []).map((r) => normalise(r.name)))];
      const tp = want.filter((w) => got.includes(w)).length;
      rooms.tp += tp;
      rooms.fn += want.length - tp;
      rooms.fp += got.filter((g) => !want.includes(g)).length;
      if (want.length > 0 || got.length > 0)
        lines.push(
          `| ${where} | room names | ${want.length} | ${got.length} found, ${tp} right | ${tp}/${want.length} |`,
        );
    }
    if (sheet.expected_behaviour) {
      const devices = page?.symbols.length ?? 0;
      const found = page?.panels.length ?? 0;
      lines.push(
        `| ${where} | not a power plan: devices / panels | 0 / 0 | ${devices} / ${found} | ${devices === 0 && found === 0 ? 'yes' : 'no'} |`,
      );
    }
  }
  const withText = analysis.pages.filter((p) => p.text.trim().length > 0).length;
  lines.push(
    `| ${name} | pages with text in the analysis (text layer or OCR) | ${analysis.pages.length} | ${withText} | — |`,
  );
  return { lines, report: { counts, panels, scales, rooms } };
}
