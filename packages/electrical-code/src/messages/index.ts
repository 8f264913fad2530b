import type { Bilingual, Lang } from '../lang.ts';
import { en } from './en.ts';
import { fr, type Messages } from './fr.ts';

export type { Messages };
export { en, fr };

/** The calculation messages in `lang`. */
export function messages(lang: Lang): Messages {
  return lang === 'en' ? en : fr;
}

/** The same message in both languages (for errors, whose language is chosen at answer time). */
export function both(pick: (m: Messages) => string): Bilingual {
  return { fr: pick(fr), en: pick(en) };
}
