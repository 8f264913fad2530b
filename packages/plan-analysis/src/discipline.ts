import type { DeviceType } from '@saeq/shared/contracts/plan-analysis';
import { normalizeText } from './vocabulary.ts';

/** What a sheet says it is: a telecom sheet, and why, or not. */
export type SheetDiscipline =
  | { kind: 'power' }
  | { kind: 'telecom'; reason: 'sheet_number' | 'title' | 'legend'; evidence: string };

/**
 * Telecom / low-voltage sheet numbers: T-101, T4.00, TN-2, TC101, TEL-1, COM-201, COMM-1.
 * (Electrical sheets are E / É / EL; discipline letters as the US National CAD Standard and
 * Québec practice use them.)
 */
const TELECOM_SHEET = /^(T|TN|TC|TY|TEL|COM|COMM)-?\d/;

/** Title words of a telecom / communications sheet (normalized: no accents, lower case). */
const TELECOM_TITLE =
  /\b(telecom(munications?)?|telecommunications?|communications?|data|voice|voix|donnees|signal|low voltage|courants? faibles?|structured cabling|cablage structure|technolog(y|ie))\b/;

/** Title words of a power / lighting sheet: a "POWER AND SIGNAL" sheet is a power plan. */
const POWER_TITLE =
  /\b(power|electrical|electricite|electrique|lighting|eclairage|puissance|force motrice|prises?|receptacles?|distribution|panel|panneau|luminaires?)\b/;

/** Legend wording of telecom equipment. */
const TELECOM_LEGEND =
  /\b(rack|patch panel|panneau de brassage|cable tray|chemin de cables?|fib(er|re)|wap|wireless access|acces sans fil|voice|voix|telephone|cctv|camera|card reader|lecteur de cartes?|speaker|haut-parleur|data|donnees|rj-?45)\b/;

/**
 * Whether a sheet is a telecom sheet rather than a power/lighting plan, from its title-block
 * sheet number (T…, TEL…, COMM…), its title words (TELECOM, TÉLÉCOM, DATA, SIGNAL… without any
 * power word) or its own legend (three or more rows, none of a power device type, most worded as
 * telecom equipment or typed data outlet). Anything else is `power`: the analyser's default.
 */
export function sheetDiscipline(input: {
  sheetNumber: string | null;
  /** Text of the sheet's title block(s). */
  titleText: string;
  /** The sheet's own legend rows. */
  legend: readonly { label: string; type: DeviceType }[];
}): SheetDiscipline {
  const number = input.sheetNumber?.toUpperCase().replace(/\s+/g, '') ?? '';
  if (TELECOM_SHEET.test(number)) return { kind: 'telecom', reason: 'sheet_number', evidence: number };
  const title = normalizeText(input.titleText);
  const word = TELECOM_TITLE.exec(title);
  if (word && !POWER_TITLE.test(title))
    return { kind: 'telecom', reason: 'title', evidence: word[0].toUpperCase() };
  const rows = input.legend;
  const powerRow = rows.some((r) => r.type !== 'other' && r.type !== 'data_outlet');
  const telecomRows = rows.filter(
    (r) => r.type === 'data_outlet' || TELECOM_LEGEND.test(normalizeText(r.label)),
  );
  if (rows.length >= 3 && !powerRow && telecomRows.length * 2 > rows.length)
    return {
      kind: 'telecom',
      reason: 'legend',
      evidence: telecomRows
        .map((r) => r.label)
        .slice(0, 3)
        .join(', '),
    };
  return { kind: 'power' };
}
