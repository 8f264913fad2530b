/** Languages SAEQ answers in: Québec French by default, English on request. */
export type Lang = 'fr' | 'en';

/** Picks the response language from an Accept-Language header: English only when asked for first. */
export function negotiateLang(acceptLanguage: string | null | undefined): Lang {
  if (!acceptLanguage) return 'fr';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((e) => e.tag.length > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return 'fr';
}

/** A message in both languages. */
export type Bilingual = { fr: string; en: string };

export function pick(message: Bilingual, lang: Lang): string {
  return message[lang];
}
