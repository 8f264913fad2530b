/**
 * The conductor size lists of the tables, as plain constants with no dependency, so that the web
 * console can offer exactly the sizes the engine accepts without bundling the engine or zod.
 */

/** Conductor sizes covered by the tables of this package, smallest first (CEC Tables 1–4 rows). */
export const conductorSizes = [
  '14 AWG',
  '12 AWG',
  '10 AWG',
  '8 AWG',
  '6 AWG',
  '4 AWG',
  '3 AWG',
  '2 AWG',
  '1 AWG',
  '1/0 AWG',
  '2/0 AWG',
  '3/0 AWG',
  '4/0 AWG',
  '250 kcmil',
  '300 kcmil',
  '350 kcmil',
  '400 kcmil',
  '500 kcmil',
] as const;

/** Conductor sizes listed in CEC Table 22 (usable space per insulated conductor in a box), smallest first. */
export const boxConductorSizes = ['14 AWG', '12 AWG', '10 AWG', '8 AWG', '6 AWG'] as const;
