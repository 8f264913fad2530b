import { formatA, formatW } from '../format.ts';

const s = (n: number) => (n > 1 ? 's' : '');
const material = (value: 'copper' | 'aluminum') => (value === 'copper' ? 'cuivre' : 'aluminium');
const place = (kind: string) => (kind === 'outdoor' ? 'à l’extérieur' : 'dans une salle de bains');

/** Compliance findings in Québec French. Every finding is an aid to verification, not a certification. */
export const rulesFr = {
  disclaimer:
    'Aide à la vérification : ces constats sont tirés automatiquement du plan et doivent être validés par un maître électricien ; ils ne constituent pas une certification de conformité.',
  panel: 'Panneau',
  occupancyAssumed: 'Occupation non précisée : les règles des logements ont été appliquées.',
  skippedEdition: 'règle absente de cette édition',
  skippedOccupancy: 'règle non applicable à cette occupation',
  noDeviceCounts:
    'Aucun appareil n’a encore été détecté sur le plan : règle non évaluée (elle le sera quand l’analyse aura des dénombrements).',
  noSchedule: 'Aucun tableau de panneau détecté sur le plan : règle non évaluée.',

  afciNoSchedule:
    'Aucun tableau de panneau détecté : la protection anti-arcs des dérivations de prises ne peut pas être vérifiée.',
  afciNoReceptacleCircuit:
    'Le tableau du panneau ne nomme aucune dérivation de prises visée : protection anti-arcs non vérifiable.',
  afciNotMarked: (n: number) =>
    `Le tableau ne mentionne aucune protection anti-arcs (DCAA/AFCI) : impossible de vérifier ${n} dérivation${s(n)} de prises ; à vérifier au chantier.`,
  afciMissing: (circuit: number, description: string) =>
    `Circuit ${circuit} « ${description} » : aucune protection anti-arcs indiquée alors que le tableau en indique ailleurs — à vérifier.`,
  afciAllMarked: (n: number) => `${n} dérivation${s(n)} de prises marquée${s(n)} anti-arcs au tableau.`,

  gfciNoRoom: (kind: string) =>
    `Aucune pièce ${kind === 'outdoor' ? 'extérieure' : 'de type salle de bains'} reconnue sur le plan : règle non évaluée.`,
  gfciOk: (room: string, n: number) => `${room} : ${n} prise${s(n)} DDFT selon le plan.`,
  gfciViaBreaker: (room: string, n: number) =>
    `${room} : ${n} prise${s(n)} sur une dérivation marquée DDFT au tableau.`,
  gfciMissing: (room: string, n: number, kind: string) =>
    `${room} : ${n} prise${s(n)} ordinaire${s(n)} ${place(kind)} sans protection DDFT indiquée (prise DDFT ou disjoncteur DDFT) — à vérifier.`,

  roomWithoutReceptacle: (room: string) =>
    `${room} : aucune prise de courant détectée sur le plan — à vérifier.`,
  noRecognizedRooms: 'Aucune pièce reconnue (chambre, salon, salle de bains…) : règle non évaluée.',
  roomsHaveReceptacles: (n: number) =>
    `${n} pièce${s(n)} avec au moins une prise ; l’espacement le long des murs (1,8 m) n’est pas vérifiable sans la longueur des murs.`,

  noKitchen: 'Aucune cuisine reconnue sur le plan : règle non évaluée.',
  kitchenTooFew: (room: string, n: number) =>
    `${room} : ${n} prise${s(n)} détectée${s(n)} ; un comptoir de cuisine en exige au moins deux, sur deux dérivations — à vérifier.`,
  kitchenSpacingUnchecked: (room: string, n: number) =>
    `${room} : ${n} prises détectées ; l’espacement le long du comptoir (900 mm) n’est pas vérifiable sans la longueur du comptoir.`,
  kitchenCounterCircuits: (n: number, kitchens: number) =>
    `Le tableau nomme ${n} dérivation${s(n)} de comptoir pour ${kitchens} cuisine${s(kitchens)} ; au moins deux par cuisine sont exigées — à vérifier.`,

  noBedrooms: 'Aucune chambre reconnue sur le plan : exigence d’avertisseurs de fumée non évaluée.',
  noSmokeAlarm: (n: number) =>
    `${n} chambre${s(n)} sur le plan mais aucun avertisseur de fumée détecté (Code de construction, ch. I, 9.10.19) — à vérifier.`,
  bedroomWithoutSmokeAlarm: (room: string) =>
    `${room} : aucun avertisseur de fumée détecté dans la chambre — à vérifier.`,
  smokeAlarmsPresent: (n: number) =>
    `${n} avertisseur${s(n)} de fumée détecté${s(n)}, dont au moins un par chambre.`,
  garageWithoutCo:
    'Garage sur le plan mais aucun avertisseur de monoxyde de carbone détecté (ch. I, 9.32.3.9, garage attenant) — à vérifier.',
  coUndecidable:
    'Aucun avertisseur de CO détecté ; il est exigé s’il y a un appareil à combustion ou un garage attenant, ce que le plan électrique ne montre pas.',

  noConductorColumn:
    'Le tableau ne donne pas les conducteurs des circuits : calibre des disjoncteurs non comparé.',
  conductorUnreadable: (text: string) => `Conducteur « ${text} » illisible : circuit non vérifié.`,
  breakerAboveCap: (amps: number, size: string, mat: 'copper' | 'aluminum', cap: number) =>
    `Disjoncteur de ${formatA(amps, 'fr')} sur un conducteur ${size} en ${material(mat)} : la protection maximale est de ${formatA(cap, 'fr')}.`,
  breakerAboveAmpacity: (amps: number, size: string, mat: 'copper' | 'aluminum', ampacity: number) =>
    `Disjoncteur de ${formatA(amps, 'fr')} sur un conducteur ${size} en ${material(mat)} (${formatA(ampacity, 'fr')} à 75 °C) — à vérifier (calibre normalisé supérieur permis seulement selon 14-104 1)).`,
  breakersMatch: (n: number) =>
    `${n} circuit${s(n)} : calibre du disjoncteur compatible avec le conducteur indiqué.`,

  sparesShort: (panel: string, n: number, required: number, apartment: boolean) =>
    `Panneau ${panel} : ${n} position${s(n)} de réserve ou espace${s(n)} ; l’article 8-108 en exige au moins ${required} ${apartment ? 'dans le panneau d’un logement d’un immeuble à logements' : 'dans le panneau d’un logement individuel'}, dont une pour un disjoncteur bipolaire — à vérifier.`,
  sparesEnough: (panel: string, n: number, required: number) =>
    `Panneau ${panel} : ${n} position${s(n)} de réserve ou espace${s(n)} (au moins ${required} exigées par l’article 8-108) ; vérifier qu’un disjoncteur bipolaire peut y être installé.`,

  polesUnknown: (description: string) => `« ${description} » : nombre de pôles non indiqué au tableau.`,
  onePole: (description: string) =>
    `« ${description} » : charge de 240 V sur un disjoncteur unipolaire — un disjoncteur bipolaire est exigé.`,
  noTwoPoleLoads:
    'Aucune charge de 240 V (cuisinière, sécheuse, chauffage…) reconnue au tableau : règle non évaluée.',
  twoPoleOk: (n: number) => `${n} charge${s(n)} de 240 V sur disjoncteur${s(n)} bipolaire${s(n)}.`,

  noMainBreaker: 'Aucun disjoncteur principal indiqué au tableau : calibre du branchement non comparé.',
  noDwellingData:
    'Données du logement (surface, charges) non fournies : la charge calculée (8-200) ne peut pas être comparée au branchement.',
  dwellingDataInvalid: 'Données du logement invalides : la charge calculée (8-200) n’a pas pu être faite.',
  serviceTooSmall: (mainA: number, currentA: number, loadW: number) =>
    `Disjoncteur principal de ${formatA(mainA, 'fr')} inférieur au courant calculé de ${formatA(currentA, 'fr')} (${formatW(loadW, 'fr')}, article 8-200).`,
  serviceSufficient: (mainA: number, currentA: number, loadW: number) =>
    `Disjoncteur principal de ${formatA(mainA, 'fr')} ≥ courant calculé de ${formatA(currentA, 'fr')} (${formatW(loadW, 'fr')}, article 8-200).`,
};

export type RuleMessages = typeof rulesFr;
