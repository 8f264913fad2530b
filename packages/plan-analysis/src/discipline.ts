import type { DeviceType } from '@saeq/shared/contracts/plan-analysis';
import { parseSheetNumber } from './compare/sheet-number.ts';
import { normalizeText } from './vocabulary.ts';

/** Sheets that are not power / lighting plans, by the trade they belong to. */
export type OtherDiscipline = 'telecom' | 'fire_alarm' | 'mechanical';

/** What a sheet says it is: a power plan, or another trade's sheet and why. */
export type SheetDiscipline =
  | { kind: 'power' }
  | { kind: OtherDiscipline; reason: 'sheet_number' | 'title' | 'legend'; evidence: string };

/**
 * Discipline designators of sheet numbers (the letters before the number, after any project or
 * package prefix: P2-T4.00 is a T sheet). US National CAD Standard v6 (UDS sheet identification)
 * and Québec practice: T telecommunications (TN, TC, TY, TEL, COM, COMM as firms spell it),
 * FA fire alarm, M mechanical. E / EL / ÉL are electrical. Other letters tell nothing here
 * (Québec small sets draw the electrical layout on A sheets; "TYP" is a typical detail).
 */
const DESIGNATORS: Readonly<Record<string, OtherDiscipline | 'power'>> = {
  T: 'telecom',
  TN: 'telecom',
  TC: 'telecom',
  TY: 'telecom',
  TEL: 'telecom',
  COM: 'telecom',
  COMM: 'telecom',
  FA: 'fire_alarm',
  M: 'mechanical',
  E: 'power',
  EL: 'power',
};

/** Title words of a telecom / communications sheet (normalized: no accents, lower case). */
const TELECOM_TITLE =
  /\b(telecom(munications?)?|telecommunications?|communications?|data|voice|voix|donnees|signal|low voltage|courants? faibles?|structured cabling|cablage structure|technolog(y|ie)|idf|mdf|rack elevations?|elevations? des baies)\b/;

/** Title words of a fire alarm sheet. */
const FIRE_ALARM_TITLE = /\b(fire alarm|alarme[- ]incendie|detection (d')?incendie)\b/;

/** Title words of a mechanical (HVAC, plumbing) sheet. */
const MECHANICAL_TITLE = /\b(mechanical|mecanique|hvac|cvac|plumbing|plomberie)\b/;

/** Title words of a power / lighting sheet: a "POWER AND SIGNAL" sheet is a power plan. */
const POWER_TITLE =
  /\b(power|electrical|electricite|electrique|lighting|eclairage|puissance|force motrice|prises?|receptacles?|distribution|panel|panneau|luminaires?)\b/;

/** Legend wording of telecom equipment. */
const TELECOM_LEGEND =
  /\b(rack|patch panel|panneau de brassage|cable tray|chemin de cables?|fib(er|re)|wap|wireless access|acces sans fil|voice|voix|telephone|cctv|camera|card reader|lecteur de cartes?|speaker|haut-parleur|data|donnees|rj-?45|telecom(munications?)?|category ?[56]|cat ?[56]e?a?)\b/;

/**
 * The device types another trade's sheet is still read for, from its own legend only: what it
 * draws for its own trade. Power devices drawn on it (a duplex receptacle feeding a rack) are the
 * electrical sheets' to count, or they would be counted twice in a set.
 */
export const DISCIPLINE_DEVICE_TYPES: Readonly<Record<OtherDiscipline, readonly DeviceType[]>> = {
  telecom: ['data_outlet'],
  fire_alarm: ['smoke_detector', 'co_detector'],
  mechanical: ['thermostat', 'exhaust_fan'],
};

/**
 * Which trade a sheet belongs to: from its title-block sheet number's discipline designator
 * (T…, P2-T4.00, FA-101, M-201), its title words (TELECOM, ENLARGED IDF, RACK ELEVATIONS,
 * FIRE ALARM, MECHANICAL… without any power word) or its own legend (three or more rows, none of
 * a power device type, most worded as telecom equipment or typed data outlet). Anything else is
 * `power`: the analyser's default. An electrical designator (E, EL) keeps a sheet a power plan
 * whatever other trade its title block names (a consultant list), except a telecom title.
 */
export function sheetDiscipline(input: {
  sheetNumber: string | null;
  /** Text of the sheet's title block(s). */
  titleText: string;
  /** The sheet's own legend rows. */
  legend: readonly { label: string; type: DeviceType }[];
}): SheetDiscipline {
  const parsed = input.sheetNumber ? parseSheetNumber(input.sheetNumber) : null;
  const byNumber = parsed ? DESIGNATORS[parsed.designator] : undefined;
  // An own legend of power devices (three rows or more of types that trade does not draw, most of
  // its rows) makes a power plan whatever trade the sheet number names: OCR of an outlined sheet
  // misreads letters ("T400" read off the drawing), and another trade's legend lists its own
  // equipment, with a receptacle row at most.
  const powerRows = (trade: OtherDiscipline) =>
    input.legend.filter(
      (r) =>
        r.type !== 'other' && r.type !== 'data_outlet' && !DISCIPLINE_DEVICE_TYPES[trade].includes(r.type),
    ).length;
  const powerLegend = (trade: OtherDiscipline) =>
    powerRows(trade) >= 3 && powerRows(trade) * 2 > input.legend.length;
  if (parsed && byNumber && byNumber !== 'power' && !powerLegend(byNumber))
    return { kind: byNumber, reason: 'sheet_number', evidence: parsed.printed };
  const title = normalizeText(input.titleText);
  const powerTitle = POWER_TITLE.test(title);
  const word = TELECOM_TITLE.exec(title);
  if (word && !powerTitle) return { kind: 'telecom', reason: 'title', evidence: word[0].toUpperCase() };
  if (byNumber !== 'power' && !powerTitle) {
    const other = (
      [
        ['fire_alarm', FIRE_ALARM_TITLE.exec(title)],
        ['mechanical', MECHANICAL_TITLE.exec(title)],
      ] as const
    ).find(([, m]) => m !== null);
    if (other?.[1]) return { kind: other[0], reason: 'title', evidence: other[1][0].toUpperCase() };
  }
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
