/** User-facing warning texts, Québec French first (STYLE.md: one messages module per language). */
export type Locale = 'fr' | 'en';

export type WarningCode =
  | 'scanned_page'
  | 'empty_page'
  | 'legend_unreadable'
  | 'no_symbols_matched'
  | 'legend_symbol_not_found'
  | 'legend_symbol_implausible'
  | 'not_power_plan'
  | 'default_symbols'
  | 'text_unreadable'
  | 'graphics_unreadable'
  | 'pages_truncated'
  | 'ocr_text'
  | 'text_not_in_layer'
  | 'work_budget_exceeded';

/** Why no legend could be read (`legend_unreadable`'s `reason` parameter). */
export type LegendUnreadableReason = 'no_text_layer' | 'heading_without_rows' | 'no_heading';

const legendReason: Record<Locale, (p: Record<string, string | number>) => string> = {
  fr: (p) => {
    switch (p.reason as LegendUnreadableReason) {
      case 'no_text_layer':
        return "la feuille n'a pas de couche texte (texte dessiné en traits) : la légende ne peut pas être lue.";
      case 'heading_without_rows':
        return `un titre de légende (« ${p.heading} », page ${p.headingPage}) a été trouvé, mais aucune ligne symbole–description n'a pu y être lue.`;
      default:
        return 'aucun titre de légende (LÉGENDE, SYMBOLES, LEGEND…) sur les feuilles du document.';
    }
  },
  en: (p) => {
    switch (p.reason as LegendUnreadableReason) {
      case 'no_text_layer':
        return 'the sheet has no text layer (text drawn as outlines): the legend cannot be read.';
      case 'heading_without_rows':
        return `a legend heading ("${p.heading}", page ${p.headingPage}) was found, but no symbol–description row could be read under it.`;
      default:
        return 'no legend heading (LEGEND, SYMBOLS, LÉGENDE…) on the sheets of the document.';
    }
  },
};

/** Why a legend symbol's matches were not counted (`legend_symbol_implausible`'s `reason`). */
const implausibleWhy: Record<Locale, (p: Record<string, string | number>) => string> = {
  fr: (p) =>
    p.reason === 'density'
      ? 'il couvrirait une part du dessin plus grande que tout plan réel'
      : p.reason === 'text_glyphs'
        ? 'la plupart des occurrences sont des lettres de mots dessinés en traits'
        : 'symbole générique plus nombreux que tous les autres appareils de la feuille',
  en: (p) =>
    p.reason === 'density'
      ? 'it would cover more of the drawing than any real plan does'
      : p.reason === 'text_glyphs'
        ? 'most occurrences are letters of words drawn as strokes'
        : 'a generic symbol outnumbering every other device of the sheet',
};

/** How a sheet was seen to be another trade's sheet (`not_power_plan`'s `reason` and `evidence`). */
const telecomWhy: Record<Locale, (p: Record<string, string | number>) => string> = {
  fr: (p) =>
    p.reason === 'sheet_number'
      ? `numéro de feuille ${p.evidence}`
      : p.reason === 'title'
        ? `titre de la feuille (« ${p.evidence} »)`
        : `légende de la feuille (${p.evidence})`,
  en: (p) =>
    p.reason === 'sheet_number'
      ? `sheet number ${p.evidence}`
      : p.reason === 'title'
        ? `sheet title ("${p.evidence}")`
        : `the sheet's legend (${p.evidence})`,
};

/** Which other trade's sheet `not_power_plan` reports (`discipline` param; telecom if absent). */
const otherTrade: Record<Locale, (p: Record<string, string | number>) => string> = {
  fr: (p) =>
    p.discipline === 'fire_alarm'
      ? "feuille d'alarme incendie"
      : p.discipline === 'mechanical'
        ? 'feuille de mécanique'
        : 'feuille de télécommunications',
  en: (p) =>
    p.discipline === 'fire_alarm'
      ? 'fire alarm sheet'
      : p.discipline === 'mechanical'
        ? 'mechanical sheet'
        : 'telecom sheet',
};

/** The devices such a sheet is still counted for (see `DISCIPLINE_DEVICE_TYPES`). */
const otherTradeDevices: Record<Locale, (p: Record<string, string | number>) => string> = {
  fr: (p) =>
    p.discipline === 'fire_alarm'
      ? 'seuls les détecteurs de sa propre légende sont comptés'
      : p.discipline === 'mechanical'
        ? 'seuls les thermostats et ventilateurs de sa propre légende sont comptés'
        : 'seules les prises de données de sa propre légende sont comptées',
  en: (p) =>
    p.discipline === 'fire_alarm'
      ? 'detectors'
      : p.discipline === 'mechanical'
        ? 'thermostats and fans'
        : 'data outlets',
};

const fr: Record<WarningCode, (p: Record<string, string | number>) => string> = {
  scanned_page: (p) =>
    p.traced
      ? `Page ${p.page} : page numérisée (image seulement, sans couche vectorielle) — les symboles sont comptés sur les ${p.traced} contours tracés depuis l'image${p.skew ? ` (redressée de ${p.skew}°)` : ''}, moins sûrement que sur un dessin vectoriel : à vérifier.`
      : `Page ${p.page} : page numérisée (image seulement, sans couche vectorielle) — les symboles ne peuvent pas être comptés.`,
  empty_page: (p) => `Page ${p.page} : page vide.`,
  legend_unreadable: (p) =>
    `Page ${p.page} : aucune légende de symboles lisible dans le document — les symboles ne sont pas comptés. Raison : ${legendReason.fr(p)}`,
  no_symbols_matched: (p) =>
    p.reason === 'no_drawing'
      ? `Aucun appareil compté : aucune feuille du document n'a de dessin où chercher les ${p.entries} symboles de la légende (seulement des tableaux, des légendes ou des cartouches).`
      : p.reason === 'implausible'
        ? `Page ${p.page} : aucun symbole compté — les symboles trouvés étaient invraisemblablement nombreux (voir les avertissements de la légende), probablement des hachures ou du texte en traits.`
        : `Page ${p.page} : aucun des ${p.entries} symboles de la légende n'a été trouvé sur le dessin — vérifiez que la légende s'applique à cette feuille.`,
  legend_symbol_not_found: (p) =>
    `Page ${p.page} : le symbole « ${p.label} » de la légende n'apparaît pas sur le dessin.`,
  legend_symbol_implausible: (p) =>
    `Page ${p.page} : le symbole « ${p.label} » de la légende a été trouvé ${p.count} fois, ce qui est invraisemblable (${implausibleWhy.fr(p)}) — non compté, à vérifier.`,
  default_symbols: (p) =>
    `Page ${p.page} : aucune légende lisible (${legendReason.fr(p)}) — ${p.count} symboles comptés d'après les conventions usuelles intégrées (boîte de jonction : « J » dans un cercle ; prise double : cercle traversé de deux traits parallèles), à vérifier.`,
  not_power_plan: (p) =>
    `Page ${p.page} : ${otherTrade.fr(p)}, pas un plan d'électricité (${telecomWhy.fr(p)}) — ${otherTradeDevices.fr(p)}.`,
  text_unreadable: (p) => `Page ${p.page} : le texte n'a pas pu être lu.`,
  ocr_text: (p) =>
    `Page ${p.page} : la page n'a pas de couche texte (${p.reason === 'scanned' ? 'page numérisée' : 'texte dessiné en traits ou en contours'}) — ${p.words} mots lus par OCR (confiance moyenne ${p.confidence} %), à vérifier.`,
  text_not_in_layer: (p) =>
    `Page ${p.page} : le texte de la page est dessiné en traits ou en contours (pas de couche texte) et l'OCR n'a rien pu lire — légende, pièces et tableaux de panneaux ne sont pas lus.`,
  graphics_unreadable: (p) => `Page ${p.page} : le dessin n'a pas pu être lu.`,
  pages_truncated: (p) =>
    `Seules les ${p.analysed} premières pages sur ${p.total} ont été analysées (limite de pages par plan) : les autres ne sont ni lues ni comptées.`,
  work_budget_exceeded: (p) =>
    `Page ${p.page} : dessin trop chargé pour la recherche de symboles (plus de ${p.limit} positions candidates vérifiées) — la recherche a été arrêtée, les décomptes de cette page sont incomplets, à vérifier.`,
};

const en: Record<WarningCode, (p: Record<string, string | number>) => string> = {
  scanned_page: (p) =>
    p.traced
      ? `Page ${p.page}: scanned page (image only, no vector layer) — symbols are counted on the ${p.traced} outlines traced from the image${p.skew ? ` (straightened by ${p.skew}°)` : ''}, less surely than on a vector drawing: to be checked.`
      : `Page ${p.page}: scanned page (image only, no vector layer) — symbols cannot be counted.`,
  empty_page: (p) => `Page ${p.page}: empty page.`,
  legend_unreadable: (p) =>
    `Page ${p.page}: no readable symbol legend in the document — symbols are not counted. Reason: ${legendReason.en(p)}`,
  no_symbols_matched: (p) =>
    p.reason === 'no_drawing'
      ? `No device counted: no sheet of the document has a drawing to look for the ${p.entries} legend symbols in (only schedules, legends or title blocks).`
      : p.reason === 'implausible'
        ? `Page ${p.page}: no symbol counted — the symbols found were implausibly many (see the legend warnings), likely hatching or text drawn as strokes.`
        : `Page ${p.page}: none of the ${p.entries} legend symbols was found on the drawing — check that the legend applies to this sheet.`,
  legend_symbol_not_found: (p) =>
    `Page ${p.page}: legend symbol "${p.label}" does not appear on the drawing.`,
  legend_symbol_implausible: (p) =>
    `Page ${p.page}: legend symbol "${p.label}" was found ${p.count} times, which is implausible (${implausibleWhy.en(p)}) — not counted, to be checked.`,
  default_symbols: (p) =>
    `Page ${p.page}: no readable legend (${legendReason.en(p)}) — ${p.count} symbols counted from built-in drawing conventions (junction box: "J" in a circle; duplex receptacle: a circle with two parallel lines across it), to be checked.`,
  not_power_plan: (p) =>
    `Page ${p.page}: ${otherTrade.en(p)}, not a power plan (${telecomWhy.en(p)}) — only the ${otherTradeDevices.en(p)} of its own legend are counted.`,
  text_unreadable: (p) => `Page ${p.page}: the text layer could not be read.`,
  ocr_text: (p) =>
    `Page ${p.page}: the page has no text layer (${p.reason === 'scanned' ? 'scanned page' : 'text drawn as strokes or outlines'}) — ${p.words} words read by OCR (mean confidence ${p.confidence} %), to be checked.`,
  text_not_in_layer: (p) =>
    `Page ${p.page}: the page's text is drawn as strokes or outlines (no text layer) and OCR could not read any of it — legend, rooms and panel schedules are not read.`,
  graphics_unreadable: (p) => `Page ${p.page}: the drawing could not be read.`,
  pages_truncated: (p) =>
    `Only the first ${p.analysed} of ${p.total} pages were analysed (page limit per plan): the others are neither read nor counted.`,
  work_budget_exceeded: (p) =>
    `Page ${p.page}: the drawing is too dense for the symbol search (more than ${p.limit} candidate positions checked) — the search was stopped, this page's counts are incomplete, to be checked.`,
};

export function warningMessage(
  code: WarningCode,
  params: Record<string, string | number>,
  locale: Locale = 'fr',
): string {
  return (locale === 'en' ? en : fr)[code](params);
}
