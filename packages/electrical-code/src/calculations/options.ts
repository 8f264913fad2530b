import { z } from 'zod';
import { DEFAULT_LANG, Lang } from '../lang.ts';

/** Options every calculation takes: the language of labels and assumptions. */
export const CalculationOptions = z.object({ lang: Lang.default(DEFAULT_LANG) });
export type CalculationOptions = z.input<typeof CalculationOptions>;

export function resolveLang(options: CalculationOptions | undefined): Lang {
  return options?.lang ?? DEFAULT_LANG;
}
