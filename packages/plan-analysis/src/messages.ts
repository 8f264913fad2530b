/** User-facing warning texts, Québec French first (STYLE.md: one messages module per language). */
export type Locale = 'fr' | 'en';

export type WarningCode =
  | 'scanned_page'
  | 'empty_page'
  | 'no_legend'
  | 'legend_symbol_not_found'
  | 'text_unreadable'
  | 'graphics_unreadable'
  | 'pages_truncated'
  | 'ocr_text'
  | 'text_not_in_layer';

const fr: Record<WarningCode, (p: Record<string, string | number>) => string> = {
  scanned_page: (p) =>
    `Page ${p.page} : page numérisée (image seulement, sans couche vectorielle) — les symboles ne peuvent pas être comptés.`,
  empty_page: (p) => `Page ${p.page} : page vide.`,
  no_legend: (p) =>
    `Page ${p.page} : aucune légende de symboles trouvée dans le document — les symboles ne sont pas comptés.`,
  legend_symbol_not_found: (p) =>
    `Page ${p.page} : le symbole « ${p.label} » de la légende n'apparaît pas sur le dessin.`,
  text_unreadable: (p) => `Page ${p.page} : le texte n'a pas pu être lu.`,
  ocr_text: (p) =>
    `Page ${p.page} : la page n'a pas de couche texte (${p.reason === 'scanned' ? 'page numérisée' : 'texte dessiné en traits ou en contours'}) — ${p.words} mots lus par OCR (confiance moyenne ${p.confidence} %), à vérifier.`,
  text_not_in_layer: (p) =>
    `Page ${p.page} : le texte de la page est dessiné en traits ou en contours (pas de couche texte) et l'OCR n'a rien pu lire — légende, pièces et tableaux de panneaux ne sont pas lus.`,
  graphics_unreadable: (p) => `Page ${p.page} : le dessin n'a pas pu être lu.`,
  pages_truncated: (p) =>
    `Seules les ${p.analysed} premières pages sur ${p.total} ont été analysées (limite de pages par plan) : les autres ne sont ni lues ni comptées.`,
};

const en: Record<WarningCode, (p: Record<string, string | number>) => string> = {
  scanned_page: (p) =>
    `Page ${p.page}: scanned page (image only, no vector layer) — symbols cannot be counted.`,
  empty_page: (p) => `Page ${p.page}: empty page.`,
  no_legend: (p) => `Page ${p.page}: no symbol legend found in the document — symbols are not counted.`,
  legend_symbol_not_found: (p) =>
    `Page ${p.page}: legend symbol "${p.label}" does not appear on the drawing.`,
  text_unreadable: (p) => `Page ${p.page}: the text layer could not be read.`,
  ocr_text: (p) =>
    `Page ${p.page}: the page has no text layer (${p.reason === 'scanned' ? 'scanned page' : 'text drawn as strokes or outlines'}) — ${p.words} words read by OCR (mean confidence ${p.confidence} %), to be checked.`,
  text_not_in_layer: (p) =>
    `Page ${p.page}: the page's text is drawn as strokes or outlines (no text layer) and OCR could not read any of it — legend, rooms and panel schedules are not read.`,
  graphics_unreadable: (p) => `Page ${p.page}: the drawing could not be read.`,
  pages_truncated: (p) =>
    `Only the first ${p.analysed} of ${p.total} pages were analysed (page limit per plan): the others are neither read nor counted.`,
};

export function warningMessage(
  code: WarningCode,
  params: Record<string, string | number>,
  locale: Locale = 'fr',
): string {
  return (locale === 'en' ? en : fr)[code](params);
}
