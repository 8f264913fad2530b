import { z } from 'zod';

/**
 * Editions of the Code de construction du Québec, chapitre V – Électricité that SAEQ computes for.
 * - `2018`: CSA C22.10-18 = CEC 2015 (C22.1-15, 23rd ed.) + Quebec amendments, in force 2018-10-01,
 *   mandatory from 2019-04-01.
 * - `2026`: CEC 2021 (C22.1-21, 25th ed.) + Quebec amendments, in force 2026-03-26 (six-month
 *   transition), the default.
 */
export const Edition = z.enum(['2018', '2026']);
export type Edition = z.infer<typeof Edition>;

export const DEFAULT_EDITION: Edition = '2026';

export type EditionInfo = {
  edition: Edition;
  /** The Quebec publication. */
  quebecCode: string;
  /** The Canadian Electrical Code edition the Quebec code incorporates. */
  cecBase: string;
  /** ISO date the edition came into force in Quebec. */
  inForce: string;
};

export const editions: Record<Edition, EditionInfo> = {
  '2018': {
    edition: '2018',
    quebecCode: 'CSA C22.10-18 (Code de construction du Québec, chapitre V – Électricité, 2018)',
    cecBase: 'CSA C22.1-15 (CEC 2015, 23rd edition)',
    inForce: '2018-10-01',
  },
  '2026': {
    edition: '2026',
    quebecCode: 'Code de construction du Québec, chapitre V – Électricité, 2026',
    cecBase: 'CSA C22.1-21 (CEC 2021, 25th edition)',
    inForce: '2026-03-26',
  },
};

/** A value that differs between editions (rule numbers, wording-dependent factors). */
export type ByEdition<T> = Record<Edition, T>;

/** The same value in every edition (kept explicit so a reader sees it was checked for both). */
export function sameInBothEditions<T>(value: T): ByEdition<T> {
  return { '2018': value, '2026': value };
}
