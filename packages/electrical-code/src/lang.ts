import { z } from 'zod';

/** Languages of user-facing text: Québec French by default, English on request. */
export const Lang = z.enum(['fr', 'en']);
export type Lang = z.infer<typeof Lang>;

export const DEFAULT_LANG: Lang = 'fr';

/** A message in both languages. */
export type Bilingual = { fr: string; en: string };
