import type { Lang } from '../types.ts';
import { en } from './en.ts';
import { fr, type Messages } from './fr.ts';

export type { Messages };

const byLang: Record<Lang, Messages> = { fr, en };

/** The console's text in `lang` (Québec French by default). */
export function messagesFor(lang: Lang): Messages {
  return byLang[lang];
}

/** A label from a vocabulary map, or the raw value when the server sends one we do not know. */
export function labelOf(map: Record<string, string>, key: string): string {
  return map[key] ?? key;
}
