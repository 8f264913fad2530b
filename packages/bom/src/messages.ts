import type { LocalizedText } from './localized-text.ts';

/** Number in French or English notation for messages (no grouping, up to 2 decimals). */
function n(value: number, lang: 'fr' | 'en'): string {
  const text = String(Math.round(value * 100) / 100);
  return lang === 'fr' ? text.replace('.', ',') : text;
}

function both(fr: string, en: string): LocalizedText {
  return { fr, en };
}

/** The assumptions a BOM states, in both languages (the BOM keeps the requested one). */
export const bomMessages = {
  indicativePrices: (priceDate: string, source: string) =>
    both(
      `Prix indicatifs (${priceDate}) : ${source}. Ce n'est pas une soumission; remplacez-les par votre liste de prix.`,
      `Indicative prices (${priceDate}): ${source}. Not a quote; replace them with your own price list.`,
    ),
  priceList: (priceDate: string, source: string) =>
    both(`Liste de prix du ${priceDate} : ${source}.`, `Price list dated ${priceDate}: ${source}.`),
  fallbackPrices: (count: number, priceDate: string) =>
    both(
      `${count} article(s) absent(s) du catalogue de l'organisation ont été évalués avec le catalogue de repli (prix indicatifs ${priceDate}).`,
      `${count} item(s) missing from the organisation's catalogue were priced from the fallback catalogue (indicative prices ${priceDate}).`,
    ),
  packaging: () =>
    both(
      'La quantité requise est arrondie aux emballages (rouleaux, boîtes) dans la quantité commandée; le matériel est facturé sur la quantité commandée.',
      'The required quantity is rounded up to whole packages (rolls, boxes) in the ordered quantity; materials are priced on what is ordered.',
    ),
  waste: (factors: string) =>
    both(
      `Pertes ajoutées à la quantité installée (arrondie à l'unité supérieure) : ${factors}.`,
      `Waste added to the installed quantity (rounded up): ${factors}.`,
    ),
  labour: (rate: string, difficulty: 'normal' | 'difficult') =>
    both(
      `Main-d'œuvre : heures indicatives par unité installée (conditions ${difficulty === 'normal' ? 'normales' : 'difficiles'}, sans les pertes) × ${rate}/h, arrondie au cent par ligne.`,
      `Labour: indicative hours per installed unit (${difficulty} conditions, waste excluded) × ${rate}/h, rounded to the cent per line.`,
    ),
  rounding: () =>
    both(
      "Montants en cents exacts, arrondis au cent (demi vers le haut) par ligne puis totalisés; TPS 5 % et TVQ 9,975 % calculées chacune sur le sous-total avant taxes (matériel + main-d'œuvre), selon Revenu Québec.",
      'Exact amounts in cents, rounded half up per line, then totalled; GST (TPS) 5 % and QST (TVQ) 9.975 % each computed on the pre-tax subtotal (materials + labour), per Revenu Québec.',
    ),
  cableGeometry: (devices: number, pages: number, drop: number, homeRun: number) =>
    both(
      `Longueurs de câble estimées (source « estimate ») pour ${devices} appareil(s) sur ${pages} feuille(s) à l'échelle : distance rectilinéaire (Manhattan) de chaque appareil au centre de son circuit ou de sa pièce, puis de ce centre au panneau, plus ${n(drop, 'fr')} m de descente par appareil et par retour au panneau (${n(homeRun, 'fr')} m forfaitaires par retour quand la feuille ne montre pas de panneau).`,
      `Cable lengths estimated (source "estimate") for ${devices} device(s) on ${pages} scaled sheet(s): rectilinear (Manhattan) distance from each device to the centre of its circuit or room, then from that centre to the panel, plus a ${n(drop, 'en')} m drop per device and per home run (a flat ${n(homeRun, 'en')} m per home run when the sheet shows no panel).`,
    ),
  homeRunsWithoutPanel: (count: number, metres: number) =>
    both(
      `${count} retour(s) au panneau sans panneau sur la feuille : ${n(metres, 'fr')} m forfaitaires chacun.`,
      `${count} home run(s) on sheets without a panel: a flat ${n(metres, 'en')} m each.`,
    ),
  cableAllowance: (devices: number, reason: 'no_scale' | 'items') =>
    reason === 'no_scale'
      ? both(
          `Pas d'échelle ou de position utilisable pour ${devices} appareil(s) : longueur de câble forfaitaire par appareil selon l'assemblage (p. ex. 8 m par prise), source « estimate ».`,
          `No usable scale or position for ${devices} device(s): a per-device cable allowance from the assembly (e.g. 8 m per receptacle), source "estimate".`,
        )
      : both(
          `Câble des ${devices} appareil(s) de la liste : longueur forfaitaire par appareil selon l'assemblage, source « estimate ».`,
          `Cable for the ${devices} listed device(s): a per-device allowance from the assembly, source "estimate".`,
        ),
  schedulesUsed: (panels: number, skippedPanelSymbols: number) =>
    both(
      `Panneaux et disjoncteurs tirés de ${panels} horaire(s) de panneau (un disjoncteur par circuit selon l'intensité et le nombre de pôles; AFCI/DDFT quand la description le dit)${skippedPanelSymbols > 0 ? `; les ${skippedPanelSymbols} symbole(s) de panneau du plan ne sont pas comptés en double` : ''}.`,
      `Panels and breakers taken from ${panels} panel schedule(s) (one breaker per circuit by amps and poles; AFCI/GFCI when the description says so)${skippedPanelSymbols > 0 ? `; the plan's ${skippedPanelSymbols} panel symbol(s) are not counted twice` : ''}.`,
    ),
  duplicateSchedules: (count: number) =>
    both(
      `${count} horaire(s) de panneau répété(s) sur plusieurs feuilles (même nom) comptés une seule fois.`,
      `${count} panel schedule(s) repeated on several sheets (same name) counted once.`,
    ),
  noSchedule: () =>
    both(
      "Aucun horaire de panneau : les disjoncteurs ne sont pas comptés et chaque symbole de panneau prend l'assemblage par défaut.",
      'No panel schedule: breakers are not counted and each panel symbol takes the default assembly.',
    ),
  breakerDefaults: (count: number) =>
    both(
      `${count} circuit(s) sans intensité ou nombre de pôles dans l'horaire : 15 A et 1 pôle supposés.`,
      `${count} circuit(s) without amps or poles in the schedule: 15 A and 1 pole assumed.`,
    ),
  breakerUpsized: (count: number) =>
    both(
      `${count} disjoncteur(s) sans calibre exact au catalogue : calibre supérieur le plus proche retenu.`,
      `${count} breaker(s) without an exact rating in the catalogue: the next larger rating was used.`,
    ),
  panelDefaulted: (name: string) =>
    both(
      `Panneau « ${name} » sans intensité principale : le plus petit panneau ayant assez d'espaces a été retenu.`,
      `Panel "${name}" has no main rating: the smallest panel with enough spaces was used.`,
    ),
  unpriced: (ref: string, quantity: number, reason: string) =>
    both(
      `Non évalué : ${ref} × ${n(quantity, 'fr')} (${reason}).`,
      `Not priced: ${ref} × ${n(quantity, 'en')} (${reason}).`,
    ),
  serviceEntranceExcluded: () =>
    both(
      "Entrée électrique (embase de compteur, mise à la terre) non incluse : ajoutez l'assemblage « service_entrance_200a » au besoin.",
      'Service entrance (meter base, grounding) not included: add the "service_entrance_200a" assembly if needed.',
    ),
  roomAllocation: () =>
    both(
      "Montants par pièce : quantités installées au prix unitaire net, sans pertes ni arrondi aux emballages; les retours au panneau d'un circuit qui traverse plusieurs pièces ne sont attribués à aucune pièce.",
      'Per-room amounts: installed quantities at the net unit price, without waste or package rounding; home runs of circuits crossing several rooms are not attributed to a room.',
    ),
  skuQuantities: () =>
    both(
      'Quantités par SKU données en unité de base (mètres pour les rouleaux, pièces pour les boîtes).',
      'Quantities by SKU are in base units (metres for rolls, pieces for boxes).',
    ),
} as const;

export const unpricedReasons = {
  unknown_sku: both('SKU absent du catalogue', 'SKU not in the catalogue'),
  no_assembly: both("aucun assemblage pour ce type d'appareil", 'no assembly for this device type'),
  no_breaker_rule: both('aucun disjoncteur correspondant', 'no matching breaker'),
  no_panel_rule: both('aucun panneau correspondant', 'no matching panel'),
  unit_mismatch: both("unité de l'article incompatible avec une longueur", 'item unit cannot hold a length'),
} as const satisfies Record<string, LocalizedText>;
export type UnpricedReason = keyof typeof unpricedReasons;
