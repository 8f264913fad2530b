import { entry, type KnowledgeEntry } from '../knowledge-entry.ts';

/**
 * Hydro-Québec's service norm E.21-10, "Service d'électricité en basse tension" (the "Livre
 * bleu"), which the utility applies beside the code: supply request, service entrance, metering,
 * clearances. We cite the norm by topic, not by article: its numbering changes between editions.
 */
export const hydroQuebecEntries: KnowledgeEntry[] = [
  entry({
    id: 'hq-e21-10',
    source: 'hydro-quebec',
    reference: 'E.21-10',
    title: ['Norme E.21-10 — Service d’électricité en basse tension (Livre bleu)', 'E.21-10 standard — Low-voltage electrical service (Blue Book)'],
    summary: [
      "Norme d'Hydro-Québec qui fixe les conditions techniques de raccordement d'une installation en basse tension : point de raccordement, branchement aérien ou souterrain, appareillage de mesurage, dégagements. Elle s'ajoute au code de l'électricité.",
      'Hydro-Québec’s standard setting the technical conditions for connecting a low-voltage installation: connection point, overhead or underground service, metering equipment, clearances. It adds to the electrical code.',
    ],
    keywords: ['E.21-10', 'Livre bleu', 'blue book', 'Hydro-Québec', 'basse tension', 'low voltage', 'norme'],
  }),
  entry({
    id: 'hq-supply-request',
    source: 'hydro-quebec',
    reference: 'E.21-10 (demande d’alimentation)',
    title: ['Demande d’alimentation', 'Supply request'],
    summary: [
      "Avant de raccorder une nouvelle installation, d'augmenter un branchement ou de le déplacer, le maître électricien transmet une demande d'alimentation à Hydro-Québec; le raccordement se fait quand l'installation est prête et déclarée.",
      'Before connecting a new installation, upgrading or relocating a service, the master electrician sends a supply request to Hydro-Québec; connection happens when the installation is ready and declared.',
    ],
    keywords: ['demande d’alimentation', 'supply request', 'raccordement', 'connection', 'augmentation', 'upgrade', 'mise sous tension'],
  }),
  entry({
    id: 'hq-supply-voltages',
    source: 'hydro-quebec',
    reference: 'E.21-10 (tensions de fourniture)',
    title: ['Tensions de fourniture en basse tension', 'Low-voltage supply voltages'],
    summary: [
      "Les tensions usuelles sont 120/240 V monophasé (résidentiel), 120/208 V et 347/600 V triphasé (commercial et industriel); la tension disponible dépend du réseau à l'endroit.",
      'Usual voltages are 120/240 V single-phase (residential), 120/208 V and 347/600 V three-phase (commercial and industrial); the voltage available depends on the local network.',
    ],
    keywords: ['tension', 'voltage', '120/240 V', '347/600 V', '120/208 V', 'monophasé', 'triphasé', 'three-phase'],
  }),
  entry({
    id: 'hq-connection-point',
    source: 'hydro-quebec',
    reference: 'E.21-10 (point de raccordement)',
    title: ['Point de raccordement', 'Connection point'],
    summary: [
      "Le point de raccordement est la limite entre le réseau d'Hydro-Québec et l'installation du client; en branchement aérien c'est généralement le point d'attache sur le bâtiment ou le mât, et Hydro-Québec en approuve l'emplacement.",
      'The connection point is the boundary between Hydro-Québec’s network and the customer’s installation; for an overhead service it is usually the attachment point on the building or mast, and Hydro-Québec approves its location.',
    ],
    keywords: ['point de raccordement', 'connection point', 'point d’attache', 'attachment point', 'limite de propriété'],
  }),
  entry({
    id: 'hq-overhead-service',
    source: 'hydro-quebec',
    reference: 'E.21-10 (branchement aérien)',
    title: ['Branchement aérien et mât', 'Overhead service and mast'],
    summary: [
      "Le branchement aérien arrive sur une potence ou un mât fixé au bâtiment; la norme précise la hauteur du point d'attache, l'ancrage et la résistance du mât, et la tête de branchement avec boucle d'égouttement.",
      'The overhead service lands on a bracket or a mast secured to the building; the standard sets the attachment point height, the mast anchoring and strength, and the service head with drip loop.',
    ],
    keywords: ['branchement aérien', 'overhead service', 'mât', 'mast', 'potence', 'tête de branchement', 'boucle d’égouttement', 'drip loop'],
  }),
  entry({
    id: 'hq-clearances-ground',
    source: 'hydro-quebec',
    reference: 'E.21-10 (dégagements au sol)',
    title: ['Dégagement des conducteurs au-dessus du sol', 'Conductor clearance above ground'],
    summary: [
      "Les conducteurs du branchement aérien doivent respecter une hauteur minimale au-dessus du sol, plus grande au-dessus d'une entrée de véhicules ou d'une rue qu'au-dessus d'un passage piétonnier; la norme donne les valeurs.",
      'Overhead service conductors must keep a minimum height above ground, greater over a driveway or street than over a walkway; the standard gives the values.',
    ],
    keywords: ['dégagement', 'clearance', 'hauteur', 'height', 'entrée de garage', 'driveway', 'rue'],
  }),
  entry({
    id: 'hq-clearances-building',
    source: 'hydro-quebec',
    reference: 'E.21-10 (dégagements du bâtiment)',
    title: ['Dégagements des conducteurs par rapport au bâtiment', 'Conductor clearances from the building'],
    summary: [
      "Les conducteurs de branchement doivent rester hors de portée depuis les fenêtres, balcons, escaliers et toits, et à l'écart des piscines; un agrandissement ou une terrasse ajoutée sous un branchement peut obliger à le déplacer.",
      'Service conductors must stay out of reach from windows, balconies, stairs and roofs, and away from pools; an addition or deck built under a service can force it to be moved.',
    ],
    keywords: ['fenêtre', 'window', 'balcon', 'balcony', 'toit', 'roof', 'piscine', 'pool', 'dégagement'],
  }),
  entry({
    id: 'hq-underground-service',
    source: 'hydro-quebec',
    reference: 'E.21-10 (branchement souterrain)',
    title: ['Branchement souterrain', 'Underground service'],
    summary: [
      "Pour un branchement souterrain, la norme précise le conduit, la profondeur, le socle ou le coffret de raccordement et la répartition des travaux entre le client et Hydro-Québec.",
      'For an underground service, the standard specifies the conduit, depth, base or connection box and the division of work between the customer and Hydro-Québec.',
    ],
    keywords: ['souterrain', 'underground', 'conduit', 'coffret', 'tranchée', 'trench'],
  }),
  entry({
    id: 'hq-meter-location',
    source: 'hydro-quebec',
    reference: 'E.21-10 (emplacement du compteur)',
    title: ['Emplacement du compteur', 'Meter location'],
    summary: [
      "Le compteur est installé à l'extérieur, à un endroit accessible en tout temps pour la lecture et l'entretien, à la hauteur prescrite par la norme et à l'abri des chutes de neige et de glace du toit.",
      'The meter is installed outdoors, at a place accessible at all times for reading and servicing, at the height set by the standard and sheltered from snow and ice falling from the roof.',
    ],
    keywords: ['compteur', 'meter', 'emplacement', 'location', 'hauteur', 'accessible', 'extérieur', 'neige'],
  }),
  entry({
    id: 'hq-meter-socket',
    source: 'hydro-quebec',
    reference: 'E.21-10 (embase de compteur)',
    title: ['Embase de compteur', 'Meter socket'],
    summary: [
      "L'embase est fournie et installée par l'électricien; elle doit être d'un modèle accepté par Hydro-Québec pour le calibre du branchement et raccordée selon la norme.",
      'The meter socket is supplied and installed by the electrician; it must be a model accepted by Hydro-Québec for the service rating and connected per the standard.',
    ],
    keywords: ['embase', 'meter socket', 'meter base', 'calibre', '200 A', 'modèle accepté'],
  }),
  entry({
    id: 'hq-ct-metering',
    source: 'hydro-quebec',
    reference: 'E.21-10 (mesurage par transformateurs)',
    title: ['Mesurage avec transformateurs de courant', 'Metering with current transformers'],
    summary: [
      "Au-delà d'une certaine intensité de branchement, le mesurage se fait avec des transformateurs de courant dans un coffret dédié plutôt qu'avec un compteur à raccordement direct; la norme fixe le seuil et le montage.",
      'Above a certain service rating, metering uses current transformers in a dedicated cabinet instead of a self-contained meter; the standard sets the threshold and the arrangement.',
    ],
    keywords: ['transformateurs de courant', 'current transformers', 'CT', 'coffret de mesurage', 'gros branchement', 'commercial'],
  }),
  entry({
    id: 'hq-multiple-meters',
    source: 'hydro-quebec',
    reference: 'E.21-10 (compteurs multiples)',
    title: ['Compteurs de plusieurs logements', 'Meters for several dwelling units'],
    summary: [
      "Dans un immeuble à logements, les compteurs sont regroupés selon la norme et chaque embase est identifiée de façon permanente au logement qu'elle alimente.",
      'In a multi-unit building, meters are grouped per the standard and each socket is permanently labelled with the unit it supplies.',
    ],
    keywords: ['plusieurs compteurs', 'multiple meters', 'logements', 'immeuble', 'identification', 'duplex', 'triplex'],
  }),
  entry({
    id: 'hq-gas-clearance',
    source: 'hydro-quebec',
    reference: 'E.21-10 (dégagements avec le gaz)',
    title: ['Compteur électrique et installations de gaz', 'Electric meter and gas equipment'],
    summary: [
      "Le compteur électrique doit être éloigné des compteurs, régulateurs et évents de gaz selon les distances prévues par la norme et le code du gaz.",
      'The electric meter must be kept away from gas meters, regulators and vents by the distances set by the standard and the gas code.',
    ],
    keywords: ['gaz', 'gas', 'évent', 'vent', 'régulateur', 'compteur de gaz', 'distance'],
  }),
  entry({
    id: 'hq-seals',
    source: 'hydro-quebec',
    reference: 'E.21-10 (scellés)',
    title: ['Scellés et accès à l’appareillage de mesurage', 'Seals and access to metering equipment'],
    summary: [
      "L'embase et les parties non mesurées du branchement sont scellées par Hydro-Québec; seul Hydro-Québec, ou l'électricien selon la procédure prévue, peut briser un scellé, par exemple pour un changement de panneau.",
      'The meter socket and unmetered parts of the service are sealed by Hydro-Québec; only Hydro-Québec, or the electrician under the set procedure, may break a seal, for example for a panel change.',
    ],
    keywords: ['scellé', 'seal', 'changement de panneau', 'panel change', 'coupure', 'disconnect'],
  }),
  entry({
    id: 'hq-temporary-service',
    source: 'hydro-quebec',
    reference: 'E.21-10 (branchement temporaire)',
    title: ['Branchement temporaire de chantier', 'Temporary construction service'],
    summary: [
      "Un chantier peut être alimenté par un branchement temporaire monté sur un poteau ou une structure conforme à la norme, avec son embase et son panneau, puis remplacé par le branchement permanent.",
      'A construction site may be supplied by a temporary service mounted on a pole or structure meeting the standard, with its socket and panel, later replaced by the permanent service.',
    ],
    keywords: ['temporaire', 'temporary', 'chantier', 'construction', 'poteau', 'pole'],
  }),
  entry({
    id: 'hq-service-upgrade',
    source: 'hydro-quebec',
    reference: 'E.21-10 (modification du branchement)',
    title: ['Augmentation de la capacité d’un branchement', 'Service capacity upgrade'],
    summary: [
      "Passer par exemple de 100 A à 200 A exige une demande à Hydro-Québec, une nouvelle embase et souvent un nouveau mât; le calcul de charge (8-200) justifie le calibre.",
      'Going for example from 100 A to 200 A requires a request to Hydro-Québec, a new socket and often a new mast; the load calculation (8-200) justifies the rating.',
    ],
    keywords: ['augmentation', 'upgrade', '100 A', '200 A', '400 A', 'entrée électrique', 'branchement'],
    relatedRuleIds: ['service-size-vs-load'],
  }),
  entry({
    id: 'hq-self-generation',
    source: 'hydro-quebec',
    reference: 'Hydro-Québec (autoproduction)',
    title: ['Autoproduction et mesurage net', 'Self-generation and net metering'],
    summary: [
      "Un client qui installe des panneaux solaires raccordés au réseau doit obtenir l'accord d'Hydro-Québec et respecter ses exigences d'interconnexion; l'option de mesurage net crédite l'énergie injectée.",
      'A customer installing grid-tied solar panels must get Hydro-Québec’s agreement and meet its interconnection requirements; the net metering option credits the energy fed in.',
    ],
    keywords: ['autoproduction', 'self-generation', 'mesurage net', 'net metering', 'solaire', 'solar', 'injection'],
  }),
  entry({
    id: 'hq-disturbances',
    source: 'hydro-quebec',
    reference: 'Hydro-Québec (perturbations)',
    title: ['Appareils qui perturbent le réseau', 'Equipment that disturbs the network'],
    summary: [
      "Gros moteurs, soudeuses ou appareils à démarrage brusque peuvent causer des creux de tension chez les voisins; Hydro-Québec fixe des limites de perturbation et peut exiger des mesures (démarreur progressif).",
      'Large motors, welders or equipment with sudden starts can cause voltage dips for neighbours; Hydro-Québec sets disturbance limits and may require measures (soft starter).',
    ],
    keywords: ['perturbation', 'disturbance', 'creux de tension', 'flicker', 'papillotement', 'démarreur progressif', 'soft starter'],
  }),
  entry({
    id: 'hq-outage-work',
    source: 'hydro-quebec',
    reference: 'Hydro-Québec (interruption pour travaux)',
    title: ['Interruption de service pour travaux', 'Service interruption for work'],
    summary: [
      "Pour des travaux en amont du disjoncteur principal (embase, mât, conducteurs de branchement), l'électricien fait interrompre l'alimentation par Hydro-Québec; on ne travaille jamais sur le côté alimentation sous tension.",
      'For work upstream of the main breaker (socket, mast, service conductors), the electrician has Hydro-Québec interrupt the supply; never work on the energized supply side.',
    ],
    keywords: ['coupure', 'interruption', 'outage', 'côté ligne', 'line side', 'mise hors tension'],
  }),
];
