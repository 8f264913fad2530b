import { formatA, formatC } from '../format.ts';

const material = (value: 'copper' | 'aluminum') => (value === 'copper' ? 'cuivre' : 'aluminium');
const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);
const tableDescriptions: Record<string, string> = {
  '1': 'Tableau 1 : conducteurs de cuivre simples à l’air libre, 30 °C',
  '2': 'Tableau 2 : au plus 3 conducteurs de cuivre en canalisation ou en câble, 30 °C',
  '3': 'Tableau 3 : conducteurs d’aluminium simples à l’air libre, 30 °C',
  '4': 'Tableau 4 : au plus 3 conducteurs d’aluminium en canalisation ou en câble, 30 °C',
};

/**
 * User-facing text of the calculations in Québec French (the default language). Keys and
 * signatures are the contract `en.ts` must match (`Messages`).
 */
export const fr = {
  verificationAid:
    'Aide à la vérification : résultat à faire valider par un maître électricien ; il ne constitue pas une certification de conformité.',
  table: (id: string) => `Tableau ${id}`,
  withinLimit: 'Conforme à la limite',
  exceedsLimit: 'Dépasse la limite',
  insufficient: 'insuffisant',

  // Living area and basic load (8-110, 8-200, 8-202).
  areaAboveGrade: 'Surface habitable hors sous-sol (dimensions intérieures)',
  basementCounted: (area: string) => `Sous-sol de ${area} compté à 75 % (hauteur supérieure à 1,8 m)`,
  basementExcluded: (area: string) => `Sous-sol de ${area} exclu (hauteur de 1,8 m ou moins)`,
  livingAreaTotal: 'Surface habitable selon l’article 8-110',
  assumeBasementQualifies:
    'Sous-sol compté à 75 % : sa hauteur est supposée supérieure à 1,8 m (article 8-110) ; fournir basementHeightM pour préciser.',
  basicFirst90: 'Charge de base : premiers 90 m²',
  basicAdditional90: (blocks: number) =>
    `1 000 W par tranche additionnelle de 90 m² ou partie de tranche (${blocks} ${plural(blocks, 'tranche', 'tranches')})`,
  basicFirst45: 'Charge de base : premiers 45 m²',
  basicSecond45: '1 500 W pour la deuxième tranche de 45 m² ou partie de tranche',

  // Heating, air conditioning, range, water heaters, EV, other loads.
  assumeHeatingThermostats:
    'Chauffage électrique supposé commandé par un thermostat dans chaque pièce (heatingSystem = room-thermostats) : facteurs de demande de l’article 62-118 3). Une fournaise centrale, un élément dans les conduits ou un accumulateur thermique est pris à 100 % : préciser heatingSystem = central.',
  heating: (installed: string) =>
    `Chauffage électrique (${installed} installés, thermostats dans chaque pièce) : 10 kW à 100 % + 75 % du reste`,
  heatingCentral: (installed: string) =>
    `Chauffage électrique central (fournaise, élément dans les conduits ou accumulateur, ${installed}) à 100 %`,
  airConditioning: 'Climatisation à 100 %',
  assumeInterlockAfterDemand: (ref: string) =>
    `Asservissement chauffage/climatisation (article ${ref}) : la charge de chauffage après facteurs de demande est comparée à la climatisation à 100 %.`,
  interlock: 'Chauffage et climatisation asservis : la plus grande des deux charges seulement',
  heatingCoolingTotal: 'Chauffage et climatisation',
  assumeSingleRange:
    'Une seule cuisinière : une table de cuisson et un four encastré sont additionnés comme une cuisinière ; une deuxième cuisinière est à inscrire dans otherLoadsW.',
  range: (rating: string) => `Cuisinière de ${rating} : 6 000 W + 40 % de l’excédent de 12 kW`,
  tanklessHeater: (rating: string) => `Chauffe-eau instantané de ${rating} à 100 %`,
  storageHeaterFull: (rating: string) =>
    `Chauffe-eau à réservoir de ${rating} à 100 % (option waterHeaterRule = full)`,
  assumeWaterHeaterOther:
    'Chauffe-eau à réservoir traités comme « autres charges » de plus de 1 500 W (option waterHeaterRule = other-loads : lecture littérale de 8-200 1)a)v) et 8-202 1)a)vi), qui ne visent que les chauffe-eau instantanés). L’autre lecture, à 100 %, s’obtient avec waterHeaterRule = full.',
  assumeWaterHeaterFull:
    'Chauffe-eau à réservoir pris à 100 % (option waterHeaterRule = full, lecture prudente). La lecture littérale les classe parmi les autres charges (waterHeaterRule = other-loads).',
  poolSpa: 'Chauffe-piscine, cuve de relaxation ou spa à 100 %',
  evFull: (rating: string) => `Appareillage de recharge de véhicule électrique (ARVÉ) de ${rating} à 100 %`,
  evManaged: (rating: string, setting: string) =>
    `ARVÉ de ${rating} commandé par un système de gestion de l’énergie (SGÉVÉ), réglage de ${setting}`,
  evExempt: (rating: string) =>
    `ARVÉ de ${rating} : le SGÉVÉ surveille le branchement, les artères et les dérivations — charge non comptée`,
  assumeEvemsExemption: (ref: string) =>
    `Option evemsMonitorsService : selon l’article ${ref}, la charge de l’ARVÉ n’est pas comptée parce que le système de gestion surveille le branchement, les artères et les dérivations et commande l’ARVÉ selon l’article 8-500 ; à confirmer sur l’installation.`,
  assumeEvemsNoSetting: 'ARVÉ géré sans réglage du système de gestion fourni (managedW) : pris à 100 %.',
  assumeEvemsNotInEdition:
    'Édition 2018 (CCÉ 2015) : la réduction de la charge des ARVÉ commandés par un système de gestion de l’énergie n’y figure pas ; ARVÉ pris à 100 %.',
  assumeQuebecEvProvision:
    'Édition 2026 : les modifications du Québec obligent à prévoir la charge de l’ARVÉ dans le calcul du branchement et des artères ; aucun ARVÉ n’a été fourni — l’ajouter si le logement a une aire de stationnement ou un abri d’auto.',
  assumeSmallLoadsInBasic: 'Les charges de 1 500 W ou moins sont comprises dans la charge de base.',
  otherSmall: (n: number) =>
    `${n} ${plural(n, 'charge', 'charges')} de 1 500 W ou moins : ${plural(n, 'comprise', 'comprises')} dans la charge de base`,
  otherWithRange: (ratings: string) =>
    `Autres charges de plus de 1 500 W à 25 % (cuisinière prévue) : ${ratings}`,
  assumeUnitNoRangeAllowance:
    'Logement sans cuisinière : les 6 000 W de l’article 8-202 1)a)viii)B) sont ajoutés même sans autre charge de plus de 1 500 W (lecture prudente).',
  otherUnitWithoutRange: (combined: string) =>
    `Autres charges de plus de 1 500 W sans cuisinière (total ${combined}) : 25 % de chacune + 6 000 W`,
  otherWithoutRange: (combined: string) =>
    `Autres charges de plus de 1 500 W sans cuisinière (total ${combined}) : 100 % jusqu’à 6 000 W + 25 % de l’excédent`,

  // Totals.
  calculatedTotal: 'Charge calculée (somme des éléments)',
  minimumSingle: (amps: number, large: boolean) =>
    `Minimum : ${amps} A × 240 V (surface hors sous-sol ${large ? 'de 80 m² ou plus' : 'de moins de 80 m²'})`,
  demandGreater: 'Charge retenue : la plus grande de la charge calculée et du minimum',
  currentAt: (volts: string) => `Courant : charge ÷ ${volts}`,
  currentThreePhase: (volts: string) => `Courant triphasé : charge ÷ (√3 × ${volts})`,
  assumeVoltage240: 'Branchement monophasé 120/240 V : courant calculé à 240 V (article 8-100).',
  minimumOvercurrent: 'Calibre minimal de protection (intensité normalisée égale ou supérieure au courant)',
  serviceSize:
    'Calibre de branchement normalisé (60, 100, 125, 200, 320/400 A…) égal ou supérieur au courant',
  serviceSizeValue: (amps: number, formatted: string) =>
    amps === 400 ? `${formatted} (classe 320/400\u00A0A)` : formatted,
  assumeServiceTooLarge:
    'Courant supérieur au plus grand calibre de branchement normalisé retenu (4 000 A) : branchement à concevoir sur mesure.',
  serviceConductor39: (rating: string) =>
    `Conducteurs de branchement du tableau 39 pour ${rating} (cuivre / aluminium)`,
  serviceConductor24: (rating: string) =>
    `Conducteurs de branchement pour ${rating} : tableau 2 (cuivre) / tableau 4 (aluminium), colonne 75 °C`,
  assumeTable39:
    'Tableau 39 (article 4-004 23)) : branchement trifilaire 120/240 V d’un logement individuel, charge calculée selon 8-200 1) ou 8-202 1), bornes d’au moins 75 °C ; le calibre du branchement est alors l’intensité nominale des conducteurs (8-104). Valeurs du tableau 39 à confirmer dans le code.',
  assumeServiceConductorTables:
    'Conducteurs de branchement choisis aux tableaux 2 et 4, colonne 75 °C (bornes de 75 °C), pour une intensité admissible au moins égale au calibre du branchement, à 30 °C et au plus 3 conducteurs porteurs de courant.',
  assumeParallelSets:
    'Conducteurs en parallèle (1/0 AWG ou plus, article 12-108) : chaque ensemble dans sa propre canalisation, sans facteur du tableau 5C.',
  assumeHydroQuebec:
    'L’entrée électrique (coffret de branchement, embase de compteur, conducteurs du côté réseau) relève de la Norme E.21-10 d’Hydro-Québec (Livre bleu) : vérifier ses exigences et calibres.',

  // Apartments (8-202).
  unitPrefix: (n: number) => `Logement ${n} — `,
  minimumUnit: (volts: string) => `Minimum : 60 A × ${volts}`,
  assumeLadderOnCalculatedLoads:
    'Immeuble : les facteurs de demande de 8-202 3)a) s’appliquent aux charges calculées selon 8-202 1)a) ; le minimum de 60 A de 8-202 1)b) vaut pour l’artère de chaque logement.',
  assumeUnitsAt240On600:
    'Branchement 347/600 V : les logements sont supposés alimentés en 120/240 V par un transformateur (courant des logements à 240 V).',
  assumeApartmentSingleUnit:
    'Un seul logement : la charge est celle de l’article 8-202 1), sans facteurs de demande entre logements.',
  ladderTier: (units: number[], percent: number, sum: string) =>
    `${units.length > 1 ? 'Logements' : 'Logement'} ${units.join(', ')} (${sum}, sans chauffage, climatisation ni ARVÉ) à ${percent} %`,
  assumeHeatingPerUnit:
    'Chauffage de l’immeuble (8-202 3)b)) : somme des charges de chauffage de chaque logement déterminées selon la section 62 (heatingDemandScope = per-unit, lecture prudente). L’option heatingDemandScope = building applique la section 62 une seule fois au total.',
  buildingHeatingPerUnit: (installed: string) =>
    `Chauffage de l’ensemble des logements (${installed} installés) : somme des charges de chaque logement selon la section 62`,
  interlockPerUnit:
    'Chauffage et climatisation asservis dans certains logements : la plus grande des deux charges par logement',
  assumeHeatingBuilding:
    'Option heatingDemandScope = building : facteurs de demande de l’article 62-118 3) appliqués une seule fois au chauffage total des logements (lecture moins prudente que per-unit).',
  buildingHeating: (installed: string) =>
    `Chauffage de l’ensemble des logements (${installed}) : 10 kW à 100 % + 75 % du reste (chauffage central à 100 %)`,
  buildingAirConditioning: 'Climatisation de l’ensemble des logements à 100 %',
  assumeBuildingEvOutsideLadder:
    'ARVÉ des logements ajoutés à leur charge retenue, hors de l’échelle de facteurs de demande de 8-202 3)a) (choix prudent).',
  buildingEv: 'ARVÉ de l’ensemble des logements',
  assumeHouseLoadsExcluded:
    'Aucune charge hors logement fournie (éclairage et chauffage des aires communes, ascenseurs, stationnement…) : les inscrire dans nonDwellingLoadsW (prises à 75 %, article 8-202 3)e)).',
  nonDwelling: (connected: string) =>
    `Charges hors logement (aires communes, ascenseurs, stationnement ; ${connected}) à 75 %`,
  buildingTotal: 'Charge calculée du branchement ou de l’artère',

  // Conductor size.
  tableChoice: (id: string) => tableDescriptions[id] ?? `Tableau ${id}`,
  notContinuous: 'Charge non continue : intensité requise = courant',
  continuous: (current: string, factor: string) => `Charge continue : ${current} ÷ ${factor}`,
  assumeContinuousBreaker:
    'Charge continue : dispositif de protection non marqué pour un fonctionnement continu à 100 % (article 8-104 6)).',
  assumeAmbient30: 'Température ambiante supposée de 30 °C (base des tableaux 1 à 4).',
  assumeNoCoolAmbientCredit:
    'Aucune majoration pour une température ambiante inférieure à 30 °C (choix prudent).',
  ambientFactor: (ambient: string, insulation: number) =>
    `Facteur de température ambiante ${ambient}, isolant ${insulation} °C`,
  groupingFactor: (n: number) => `Facteur pour ${n} conducteurs porteurs de courant`,
  assumeFreeAirSpacing:
    'Conducteurs à l’air libre supposés espacés conformément à l’article 4-004 (facteurs du tableau 5B non appliqués).',
  assumeDeemedTermination: (c: number) =>
    `Bornes non marquées : température présumée de ${c} °C (article 4-006 2) : 60 °C jusqu’à 100 A, 75 °C au-delà) ; fournir terminationRatingC si l’appareillage est marqué.`,
  assumeConservativeTermination:
    'Option conservative : les facteurs des tableaux 5A et 5C réduisent aussi la colonne de température des bornes (articles 4-006 1) et 4-004).',
  assumeTerminationNotDerated:
    'La colonne de température des bornes limite l’intensité tabulée sans facteurs de correction (lecture usuelle de 4-006) ; conservative = true applique aussi les facteurs à cette colonne.',
  terminationDerated: (column: number) =>
    `Facteurs de correction appliqués aussi à la colonne ${column} °C des bornes`,
  terminationDeemed: (c: number) => `Température des bornes présumée (${c} °C)`,
  terminationMarked: (c: number) => `Température des bornes marquée (${c} °C)`,
  candidate: (
    size: string,
    base: string,
    ambient: string,
    grouping: string,
    corrected: string,
    limit: string,
    column: number,
  ) =>
    `${size} : ${base} × ${ambient} × ${grouping} = ${corrected} ; limite de la colonne ${column} °C : ${limit}`,
  smallConductorCap: (size: string, mat: 'copper' | 'aluminum', cap: string) =>
    `Protection maximale d’un conducteur ${size} en ${material(mat)} : ${cap}`,
  chosenSize: 'Calibre retenu',
  errorAmbient: (ambientC: number, insulationC: number) =>
    `Un isolant de ${insulationC} °C ne peut pas être utilisé à une température ambiante de ${formatC(ambientC, 'fr')} (tableau 5A).`,
  errorNoConductor: (requiredA: number, tableId: string) =>
    `Aucun calibre du tableau ${tableId} (jusqu’à 500 kcmil) n’atteint l’intensité requise de ${formatA(requiredA, 'fr')} ; utiliser des conducteurs en parallèle ou un calcul détaillé.`,

  // Voltage drop.
  resistanceSourceRef: 'NEC ch. 9, tableau 8',
  resistanceAt75: (size: string, mat: 'copper' | 'aluminum') =>
    `Résistance en courant continu à 75 °C, ${size} ${material(mat)}`,
  resistanceCorrected: (temp: string) => `Résistance corrigée à ${temp} (coefficient de température)`,
  assumeResistanceSource:
    'Résistance en courant continu tirée du NEC, chapitre 9, tableau 8 (conducteurs câblés non étamés), corrigée par R = R75 × (1 + α (T − 75)), α = 0,00323 (cuivre) ou 0,00330 (aluminium).',
  assumeReactanceNeglected:
    'Réactance négligée (facteur de puissance unitaire) : calcul valable pour les petits calibres ; pour les gros calibres en courant alternatif, utiliser l’impédance (p. ex. tableau D3).',
  assumeConductorTemp75: 'Température du conducteur supposée de 75 °C.',
  assumeOneWayLength: 'Longueur fournie : longueur simple (aller) du circuit.',
  assumeDropBasis: (ref: string) =>
    `Chute calculée avec le courant fourni : la charge raccordée, ou 80 % du calibre de la protection si elle n’est pas connue (article ${ref}).`,
  dropSinglePhase: 'Chute monophasée : 2 × L × I × R',
  dropThreePhase: 'Chute triphasée : √3 × L × I × R',
  dropPercentOf: (voltage: string) => `Chute en pourcentage de ${voltage}`,
  dropLimit: (scope: 'branch-or-feeder' | 'total'): string =>
    scope === 'total'
      ? 'Limite : 5 % du côté alimentation du branchement au point d’utilisation'
      : 'Limite : 3 % dans une artère ou une dérivation',
  dropVerdict: 'Vérification de la chute de tension',
  errorSizeNotInTable: (size: string, mat: 'copper' | 'aluminum') =>
    `Le calibre ${size} en ${material(mat)} n’est pas dans la table de résistances utilisée.`,

  // Box fill.
  boxConductors: (count: number, size: string, each: string) =>
    `${count} ${plural(count, 'conducteur', 'conducteurs')} ${size} × ${each}`,
  boxDevices: (n: number, size: string) =>
    `${n} ${plural(n, 'dispositif', 'dispositifs')} sur étrier : 2 conducteurs ${size} chacun`,
  boxConnectorPairs: (n: number, size: string) =>
    `${n} ${plural(n, 'paire', 'paires')} de connecteurs (marrettes) : 1 conducteur ${size} par paire`,
  boxFixtureStuds: (n: number, counted: number, size: string) =>
    `${n} ${plural(n, 'goujon ou raccord', 'goujons ou raccords')} de luminaire : ${counted} ${plural(counted, 'conducteur', 'conducteurs')} ${size}`,
  assumeLargestSizeForDeductions:
    'Les déductions (dispositifs, connecteurs, goujons) sont comptées au plus gros calibre présent dans la boîte (choix prudent).',
  assumeBoxNotCounted:
    'Non comptés : conducteurs de mise à la masse nus, conducteurs qui ne sortent pas de la boîte (dérivations internes) et fils de luminaire 18 et 16 AWG (article 12-3034 1)).',
  assumeShallowDevices:
    'Dispositifs d’au plus 2,54 cm de profondeur derrière l’étrier ; sinon réduire le volume utile selon l’article 12-3034 3).',
  boxRequired: 'Volume utile requis',
  boxAvailable: 'Volume de la boîte',
  boxVerdict: 'Vérification du remplissage',
};

export type Messages = typeof fr;
