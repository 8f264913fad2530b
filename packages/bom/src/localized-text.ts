import { z } from 'zod';

/** Languages of user-facing text: Québec French by default, English available. */
export const Lang = z.enum(['fr', 'en']);
export type Lang = z.infer<typeof Lang>;

/** A user-facing text in both languages. */
export const LocalizedText = z.object({ fr: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** The text in `lang`, falling back to the other language when that one is empty. */
export function pickText(text: LocalizedText, lang: Lang): string {
  const preferred = text[lang];
  return preferred !== '' ? preferred : lang === 'fr' ? text.en : text.fr;
}
