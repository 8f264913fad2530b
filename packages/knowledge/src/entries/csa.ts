import { entry, type KnowledgeEntry } from '../knowledge-entry.ts';

/**
 * Certification marks and product standards: how to tell whether equipment may be installed in
 * Québec. Certification bodies are accredited by the Standards Council of Canada (SCC).
 */
export const csaEntries: KnowledgeEntry[] = [
  entry({
    id: 'csa-certification-overview',
    source: 'csa',
    reference: 'Certification (CCN/SCC)',
    title: ['Organismes de certification accrédités', 'Accredited certification bodies'],
    summary: [
      "Au Canada, un produit électrique est certifié par un organisme accrédité par le Conseil canadien des normes (CCN) : CSA Group, UL, Intertek (ETL), QPS, TÜV et d'autres. La marque de l'organisme sur le produit montre qu'il est conforme aux normes canadiennes.",
      'In Canada, an electrical product is certified by a body accredited by the Standards Council of Canada (SCC): CSA Group, UL, Intertek (ETL), QPS, TÜV and others. The body’s mark on the product shows it meets Canadian standards.',
    ],
    keywords: ['certification', 'CCN', 'SCC', 'organisme accrédité', 'accredited', 'homologation'],
  }),
  entry({
    id: 'csa-mark',
    source: 'csa',
    reference: 'Marque CSA',
    title: ['Marque CSA', 'CSA mark'],
    summary: [
      'La marque CSA (souvent avec les indices « C » et « US ») indique une certification par CSA Group pour le marché canadien, et américain si « US » est présent.',
      'The CSA mark (often with "C" and "US" indicators) shows certification by CSA Group for the Canadian market, and the US market when "US" is present.',
    ],
    keywords: ['CSA', 'marque CSA', 'CSA mark', 'cCSAus', 'CSA Group'],
  }),
  entry({
    id: 'csa-cul-mark',
    source: 'csa',
    reference: 'Marque cUL',
    title: ['Marque cUL (UL pour le Canada)', 'cUL mark (UL for Canada)'],
    summary: [
      'La marque UL avec un petit « c » (cUL ou cULus) indique une certification UL selon les normes canadiennes; une marque UL sans le « c » vise seulement les États-Unis et ne suffit pas au Canada.',
      'The UL mark with a small "c" (cUL or cULus) shows UL certification to Canadian standards; a UL mark without the "c" covers the United States only and is not enough in Canada.',
    ],
    keywords: ['cUL', 'UL', 'cULus', 'Underwriters Laboratories', 'UL listed', 'marque'],
  }),
  entry({
    id: 'csa-cetl-mark',
    source: 'csa',
    reference: 'Marque cETL',
    title: ['Marque cETL (Intertek)', 'cETL mark (Intertek)'],
    summary: [
      "La marque ETL d'Intertek avec l'indice « c » (cETL ou cETLus) atteste la conformité aux normes canadiennes; sans le « c », la certification ne vise que les États-Unis.",
      'Intertek’s ETL mark with the "c" indicator (cETL or cETLus) attests conformity to Canadian standards; without the "c", the certification covers the US only.',
    ],
    keywords: ['cETL', 'ETL', 'Intertek', 'cETLus', 'marque'],
  }),
  entry({
    id: 'csa-other-marks',
    source: 'csa',
    reference: 'Autres marques (QPS, TÜV, etc.)',
    title: ['Autres marques de certification reconnues', 'Other recognized certification marks'],
    summary: [
      "D'autres organismes accrédités par le CCN (QPS, TÜV, SGS, etc.) apposent leur propre marque pour le Canada; la liste à jour est publiée par le CCN. Le critère est l'accréditation, pas le nom de la marque.",
      'Other SCC-accredited bodies (QPS, TÜV, SGS and so on) apply their own Canadian marks; the current list is published by the SCC. What counts is accreditation, not the brand of the mark.',
    ],
    keywords: ['QPS', 'TÜV', 'SGS', 'marque', 'accréditation', 'liste'],
  }),
  entry({
    id: 'csa-special-inspection',
    source: 'csa',
    reference: 'CSA SPE-1000',
    title: [
      'Inspection spéciale sur place (évaluation sur le terrain)',
      'Special inspection (field evaluation)',
    ],
    summary: [
      "Un appareil non certifié (importé, fabriqué sur mesure) peut être accepté après une évaluation sur place par un organisme accrédité, selon la norme CSA SPE-1000; il reçoit alors une étiquette d'inspection spéciale.",
      'An uncertified device (imported, custom built) may be accepted after a field evaluation by an accredited body, following CSA SPE-1000; it then gets a special inspection label.',
    ],
    keywords: [
      'inspection spéciale',
      'special inspection',
      'field evaluation',
      'SPE-1000',
      'non certifié',
      'étiquette',
    ],
  }),
  entry({
    id: 'csa-ce-not-accepted',
    source: 'csa',
    reference: 'Marque CE',
    title: [
      'La marque CE n’est pas une certification canadienne',
      'The CE mark is not a Canadian certification',
    ],
    summary: [
      "La marque CE est une déclaration du fabricant pour l'Europe; elle ne prouve pas la conformité aux normes canadiennes. Un appareil qui ne porte que CE doit être certifié ou inspecté avant d'être installé.",
      'The CE mark is a manufacturer’s declaration for Europe; it does not prove conformity to Canadian standards. A device carrying only CE must be certified or inspected before it is installed.',
    ],
    keywords: ['CE', 'Europe', 'importé', 'imported', 'non approuvé', 'marque européenne'],
  }),
  entry({
    id: 'csa-counterfeit',
    source: 'csa',
    reference: 'Marques contrefaites',
    title: ['Produits à marque contrefaite', 'Products with counterfeit marks'],
    summary: [
      "Des disjoncteurs, rallonges et chargeurs vendus en ligne portent parfois de fausses marques; on vérifie dans le répertoire de l'organisme de certification et on se méfie des prix anormalement bas.",
      'Breakers, cords and chargers sold online sometimes carry fake marks; check the certification body’s directory and beware of abnormally low prices.',
    ],
    keywords: ['contrefaçon', 'counterfeit', 'faux', 'fake', 'en ligne', 'online', 'répertoire'],
  }),
  entry({
    id: 'csa-component-recognition',
    source: 'csa',
    reference: 'Composants reconnus',
    title: ['Composants reconnus et produits finis', 'Recognized components and finished products'],
    summary: [
      'Une marque de composant reconnu (par exemple le symbole UR) vaut pour une pièce destinée à être intégrée dans un produit certifié, pas pour un appareil installé seul.',
      'A recognized component mark (for example the UR symbol) applies to a part intended to be built into a certified product, not to a device installed on its own.',
    ],
    keywords: ['composant reconnu', 'recognized component', 'UR', 'pièce', 'component'],
  }),
  entry({
    id: 'csa-c22-2',
    source: 'csa',
    reference: 'CSA C22.2',
    title: ['Normes de produits CSA C22.2', 'CSA C22.2 product standards'],
    summary: [
      "Le Code canadien de l'électricité, deuxième partie, est la série de normes de produits C22.2 (disjoncteurs, câbles, luminaires, bornes…) auxquelles la certification vérifie la conformité. La première partie (C22.1) est le code d'installation.",
      'The Canadian Electrical Code Part II is the C22.2 series of product standards (breakers, cables, luminaires, chargers…) against which certification checks conformity. Part I (C22.1) is the installation code.',
    ],
    keywords: ['C22.2', 'deuxième partie', 'Part II', 'norme de produit', 'product standard', 'C22.1'],
  }),
  entry({
    id: 'csa-hazardous-marking',
    source: 'csa',
    reference: 'Marquage pour emplacements dangereux',
    title: ['Marquage du matériel pour emplacements dangereux', 'Marking of hazardous location equipment'],
    summary: [
      "Le matériel destiné aux emplacements dangereux porte un marquage de classe ou de zone, de groupe de gaz et de classe de température, qui doit correspondre à la classification de l'emplacement (section 18).",
      'Equipment for hazardous locations carries class or zone, gas group and temperature code marking, which must match the area classification (Section 18).',
    ],
    keywords: [
      'emplacement dangereux',
      'hazardous location',
      'Ex',
      'zone',
      'classe de température',
      'T-code',
    ],
  }),
  entry({
    id: 'csa-evse-certification',
    source: 'csa',
    reference: 'Certification des bornes de recharge',
    title: ['Certification des bornes de recharge', 'Certification of EV chargers'],
    summary: [
      'Une borne de recharge pour véhicule électrique doit porter une marque de certification canadienne; un chargeur portatif branché sur une prise doit aussi être certifié pour cet usage.',
      'An electric vehicle charger must carry a Canadian certification mark; a portable charger plugged into a receptacle must also be certified for that use.',
    ],
    keywords: ['borne', 'EVSE', 'chargeur', 'charger', 'certification', 'véhicule électrique'],
  }),
  entry({
    id: 'csa-energy-efficiency-marks',
    source: 'csa',
    reference: 'ENERGY STAR, ÉnerGuide',
    title: ['Marques d’efficacité énergétique', 'Energy efficiency marks'],
    summary: [
      "ENERGY STAR et ÉnerGuide renseignent sur la consommation d'énergie; ce ne sont pas des marques de sécurité et ne remplacent pas une certification électrique.",
      'ENERGY STAR and EnerGuide inform about energy use; they are not safety marks and do not replace electrical certification.',
    ],
    keywords: ['ENERGY STAR', 'ÉnerGuide', 'EnerGuide', 'efficacité énergétique', 'energy efficiency'],
  }),
  entry({
    id: 'csa-modified-equipment',
    source: 'csa',
    reference: 'Modification d’un produit certifié',
    title: ['Modifier un appareil certifié', 'Modifying certified equipment'],
    summary: [
      "Modifier un appareil certifié (changer des composants, percer l'enveloppe hors des prévisions du fabricant) peut annuler sa certification; il faut alors une nouvelle évaluation.",
      'Modifying certified equipment (changing components, drilling the enclosure beyond the manufacturer’s provisions) can void its certification; a new evaluation is then needed.',
    ],
    keywords: ['modification', 'annule', 'void', 'certification', 'réévaluation'],
  }),
];
