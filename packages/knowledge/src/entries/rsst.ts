import { entry, type KnowledgeEntry } from '../knowledge-entry.ts';

/**
 * Worker safety around electricity in Québec: the RSST (S-2.1, r. 13), the Code de sécurité pour
 * les travaux de construction (CSTC, S-2.1, r. 4), the LSST they implement, and CSA Z462 which
 * the CNESST refers to for electrical work practices. Article numbers are given only where we
 * are sure of them (lockout 188.1–188.13, in force 2016-01-14); otherwise the entry names the topic.
 */
const RSST_URL = 'https://www.legisquebec.gouv.qc.ca/fr/document/rc/S-2.1,%20r.%2013';
const CSTC_URL = 'https://www.legisquebec.gouv.qc.ca/fr/document/rc/S-2.1,%20r.%204';
const LSST_URL = 'https://www.legisquebec.gouv.qc.ca/fr/document/lc/S-2.1';

export const rsstEntries: KnowledgeEntry[] = [
  entry({
    id: 'rsst-overview',
    source: 'rsst',
    reference: 'RSST (S-2.1, r. 13)',
    title: [
      'Règlement sur la santé et la sécurité du travail',
      'Regulation respecting occupational health and safety',
    ],
    summary: [
      "Le RSST fixe les normes de sécurité dans les établissements (hors chantiers de construction) : machines, cadenassage, espaces clos, équipements de protection, etc. La CNESST en surveille l'application.",
      'The RSST sets safety standards in workplaces (other than construction sites): machinery, lockout, confined spaces, protective equipment and so on. The CNESST enforces it.',
    ],
    keywords: ['RSST', 'CNESST', 'santé et sécurité', 'occupational safety', 'établissement', 'workplace'],
    url: RSST_URL,
  }),
  entry({
    id: 'rsst-188-lockout',
    source: 'rsst',
    reference: 'RSST art. 188.1 à 188.13',
    title: [
      'Cadenassage et autres méthodes de contrôle des énergies',
      'Lockout and other energy control methods',
    ],
    summary: [
      "Depuis le 14 janvier 2016, les articles 188.1 à 188.13 obligent à cadenasser (ou à appliquer une autre méthode de contrôle des énergies qui assure une sécurité équivalente) avant tout travail dans la zone dangereuse d'une machine, y compris pour les sources électriques.",
      'Since 14 January 2016, sections 188.1 to 188.13 require lockout (or another energy control method giving equivalent safety) before any work in the danger zone of a machine, electrical sources included.',
    ],
    keywords: [
      'cadenassage',
      'lockout',
      'LOTO',
      'contrôle des énergies',
      'energy control',
      'cadenas',
      'padlock',
    ],
    url: RSST_URL,
  }),
  entry({
    id: 'rsst-188-procedure',
    source: 'rsst',
    reference: 'RSST art. 188.1 à 188.13 (procédures)',
    title: ['Procédures et fiches de cadenassage', 'Lockout procedures and sheets'],
    summary: [
      "L'employeur rédige une procédure de cadenassage pour chaque machine (fiche) : sources d'énergie, matériel de cadenassage, étapes de mise hors tension, vérification de l'absence d'énergie, puis remise en service. Les travailleurs sont formés et la procédure est révisée périodiquement.",
      'The employer writes a lockout procedure for each machine (a sheet): energy sources, lockout devices, steps to de-energize, verification of zero energy, then return to service. Workers are trained and the procedure is reviewed periodically.',
    ],
    keywords: [
      'fiche de cadenassage',
      'lockout procedure',
      'formation',
      'training',
      'vérification',
      'remise en service',
    ],
  }),
  entry({
    id: 'rsst-188-contractors',
    source: 'rsst',
    reference: 'RSST art. 188.1 à 188.13 (sous-traitants)',
    title: ['Cadenassage et entrepreneurs externes', 'Lockout and outside contractors'],
    summary: [
      "Quand un entrepreneur (électricien externe) intervient dans un établissement, l'employeur et l'entrepreneur s'entendent sur la procédure de cadenassage appliquée; chaque intervenant pose son propre cadenas.",
      'When a contractor (outside electrician) works in a plant, the employer and the contractor agree on the lockout procedure used; each worker applies their own padlock.',
    ],
    keywords: ['entrepreneur', 'contractor', 'sous-traitant', 'cadenas personnel', 'personal lock'],
  }),
  entry({
    id: 'rsst-185-186-repealed',
    source: 'rsst',
    reference: 'RSST art. 185 et 186 (abrogés)',
    title: ['Anciens articles 185 et 186 sur le cadenassage', 'Former sections 185 and 186 on lockout'],
    summary: [
      'Avant 2016, les articles 185 et 186 du RSST encadraient le cadenassage des machines; ils ont été abrogés et remplacés par les articles 188.1 à 188.13. Une procédure qui cite encore 185 doit être mise à jour.',
      'Before 2016, RSST sections 185 and 186 governed machine lockout; they were repealed and replaced by sections 188.1 to 188.13. A procedure still citing 185 needs updating.',
    ],
    keywords: ['article 185', 'article 186', 'abrogé', 'repealed', 'cadenassage', 'ancien'],
  }),
  entry({
    id: 'rsst-electrical-installations',
    source: 'rsst',
    reference: 'RSST (installations électriques)',
    title: ['Installations électriques dans l’établissement', 'Electrical installations in the workplace'],
    summary: [
      "Le RSST exige que les installations électriques d'un établissement soient conformes aux codes applicables et entretenues; les travaux électriques sont faits hors tension sauf impossibilité justifiée, par du personnel qualifié.",
      'The RSST requires workplace electrical installations to comply with the applicable codes and be maintained; electrical work is done de-energized unless justifiably impossible, by qualified personnel.',
    ],
    keywords: [
      'installation électrique',
      'électricité',
      'établissement',
      'hors tension',
      'de-energized',
      'personnel qualifié',
    ],
  }),
  entry({
    id: 'rsst-portable-tools',
    source: 'rsst',
    reference: 'RSST et CSTC (outillage électrique)',
    title: ['Outils électriques portatifs et rallonges', 'Portable electric tools and extension cords'],
    summary: [
      'Les outils électriques portatifs doivent être mis à la terre ou à double isolation et en bon état; sur un chantier, les prises temporaires sont protégées par DDFT et les rallonges endommagées retirées.',
      'Portable electric tools must be grounded or double insulated and in good condition; on a site, temporary receptacles are GFCI protected and damaged cords removed.',
    ],
    keywords: [
      'outils portatifs',
      'portable tools',
      'rallonge',
      'extension cord',
      'double isolation',
      'DDFT',
      'chantier',
    ],
  }),
  entry({
    id: 'cstc-overview',
    source: 'rsst',
    reference: 'CSTC (S-2.1, r. 4)',
    title: ['Code de sécurité pour les travaux de construction', 'Safety Code for the construction industry'],
    summary: [
      'Le CSTC est le règlement de sécurité propre aux chantiers de construction : organisation du chantier, échafaudages, travaux électriques et proximité des lignes, cadenassage (sous-section 2.20), etc.',
      'The CSTC is the safety regulation specific to construction sites: site organisation, scaffolds, electrical work and proximity to power lines, lockout (subdivision 2.20) and more.',
    ],
    keywords: ['CSTC', 'chantier', 'construction site', 'code de sécurité', 'travaux de construction'],
    url: CSTC_URL,
  }),
  entry({
    id: 'cstc-2-20-lockout',
    source: 'rsst',
    reference: 'CSTC sous-section 2.20',
    title: ['Cadenassage sur les chantiers de construction', 'Lockout on construction sites'],
    summary: [
      "Sur un chantier, la sous-section 2.20 du CSTC reprend les exigences de cadenassage du RSST : procédures écrites, cadenas personnels, vérification de l'absence d'énergie, coordination par le maître d'œuvre.",
      'On a construction site, CSTC subdivision 2.20 carries the RSST lockout requirements: written procedures, personal locks, verification of zero energy, coordination by the principal contractor.',
    ],
    keywords: ['cadenassage', 'lockout', 'chantier', 'maître d’œuvre', 'principal contractor'],
    url: CSTC_URL,
  }),
  entry({
    id: 'cstc-5-2-power-lines',
    source: 'rsst',
    reference: 'CSTC art. 5.2.1',
    title: ['Travaux à proximité des lignes électriques', 'Work near power lines'],
    summary: [
      "Personne, ni aucune machine, ne doit s'approcher d'une ligne électrique aérienne à moins de la distance minimale fixée selon la tension (3 m pour une ligne de moins de 125 kV, davantage au-delà), sauf entente avec le propriétaire de la ligne (Hydro-Québec) pour la mettre hors tension ou la protéger.",
      'No person or machine may come closer to an overhead power line than the minimum distance set by voltage (3 m for a line under 125 kV, more above), unless arranged with the line owner (Hydro-Québec) to de-energize or protect it.',
    ],
    keywords: [
      'ligne électrique',
      'power line',
      'distance d’approche',
      'approach distance',
      '3 m',
      'grue',
      'crane',
      'ligne aérienne',
    ],
    url: CSTC_URL,
  }),
  entry({
    id: 'cstc-temporary-wiring',
    source: 'rsst',
    reference: 'CSTC (installations électriques temporaires)',
    title: ['Installations électriques temporaires de chantier', 'Temporary site electrical installations'],
    summary: [
      "Les panneaux et prises temporaires d'un chantier doivent être installés par des électriciens qualifiés, protégés contre les intempéries et les dommages, avec DDFT pour les prises, et inspectés régulièrement.",
      'Temporary site panels and receptacles must be installed by qualified electricians, protected from weather and damage, with GFCI on receptacles, and inspected regularly.',
    ],
    keywords: ['chantier', 'temporaire', 'temporary power', 'panneau de chantier', 'DDFT', 'GFCI'],
  }),
  entry({
    id: 'lsst-51',
    source: 'rsst',
    reference: 'LSST art. 51',
    title: ['Obligations générales de l’employeur', 'Employer’s general obligations'],
    summary: [
      "L'employeur doit prendre les mesures nécessaires pour protéger la santé et la sécurité des travailleurs : méthodes de travail sûres, équipements de protection fournis, formation et supervision, y compris pour les risques électriques.",
      'The employer must take the measures needed to protect workers’ health and safety: safe work methods, protective equipment supplied, training and supervision, electrical hazards included.',
    ],
    keywords: ['employeur', 'employer', 'obligations', 'LSST', 'prévention', 'formation'],
    url: LSST_URL,
  }),
  entry({
    id: 'lsst-12-refusal',
    source: 'rsst',
    reference: 'LSST art. 12',
    title: ['Droit de refus', 'Right to refuse work'],
    summary: [
      "Un travailleur peut refuser d'exécuter un travail s'il a des motifs raisonnables de croire qu'il l'expose à un danger, par exemple travailler sous tension sans mesures de protection.",
      'A worker may refuse to do a task if they have reasonable grounds to believe it exposes them to danger, for example working energized without protective measures.',
    ],
    keywords: ['droit de refus', 'right to refuse', 'danger', 'travailleur', 'worker'],
    url: LSST_URL,
  }),
  entry({
    id: 'z462-overview',
    source: 'rsst',
    reference: 'CSA Z462',
    title: [
      'CSA Z462 — Sécurité en matière d’électricité au travail',
      'CSA Z462 — Workplace electrical safety',
    ],
    summary: [
      "Norme canadienne des pratiques de travail sécuritaires près de l'électricité : mise hors tension d'abord, évaluation des risques de choc et d'arc, limites d'approche, choix des EPI et programme de sécurité électrique de l'employeur. Elle est révisée aux trois ans.",
      'Canadian standard for safe work practices around electricity: de-energize first, shock and arc flash risk assessment, approach boundaries, PPE selection and the employer’s electrical safety program. Revised every three years.',
    ],
    keywords: ['Z462', 'sécurité électrique', 'electrical safety', 'arc flash', 'EPI', 'PPE', 'NFPA 70E'],
  }),
  entry({
    id: 'z462-safe-work-condition',
    source: 'rsst',
    reference: 'CSA Z462 (condition de travail électriquement sécuritaire)',
    title: [
      'Établir une condition de travail électriquement sécuritaire',
      'Establishing an electrically safe work condition',
    ],
    summary: [
      "Démarche en étapes : repérer toutes les sources, couper la charge puis ouvrir le sectionneur, constater l'ouverture, cadenasser et étiqueter, vérifier l'absence de tension avec un appareil éprouvé avant et après, et mettre à la terre temporairement s'il peut y avoir une tension induite ou stockée.",
      'A stepwise approach: identify every source, interrupt the load then open the disconnect, verify the opening, lock and tag, test for absence of voltage with a tester checked before and after, and apply temporary grounds where induced or stored voltage is possible.',
    ],
    keywords: [
      'hors tension',
      'de-energize',
      'vérification d’absence de tension',
      'test before touch',
      'VAT',
      'mise à la terre temporaire',
    ],
  }),
  entry({
    id: 'z462-arc-flash',
    source: 'rsst',
    reference: 'CSA Z462 (évaluation du risque d’arc)',
    title: ['Évaluation du risque d’éclat d’arc', 'Arc flash risk assessment'],
    summary: [
      "Avant un travail près de pièces sous tension, on évalue l'énergie incidente possible et la limite d'éclat d'arc, soit par étude d'ingénierie, soit par la méthode des catégories d'EPI de la norme; l'étiquette de l'appareillage en rend compte.",
      'Before work near energized parts, the possible incident energy and the arc flash boundary are assessed, either by an engineering study or by the standard’s PPE category method; the equipment label reports it.',
    ],
    keywords: ['éclat d’arc', 'arc flash', 'énergie incidente', 'incident energy', 'cal/cm²', 'étude d’arc'],
  }),
  entry({
    id: 'z462-ppe',
    source: 'rsst',
    reference: 'CSA Z462 (EPI)',
    title: [
      'Équipements de protection individuelle contre l’arc et le choc',
      'Personal protective equipment for arc and shock',
    ],
    summary: [
      "Vêtements résistants à l'arc cotés en cal/cm², écran facial, gants isolants de la classe de tension avec protecteurs en cuir, outils isolés : ils sont choisis d'après l'évaluation des risques, en dernier recours après la mise hors tension.",
      'Arc-rated clothing in cal/cm², face shield, voltage-class insulating gloves with leather protectors, insulated tools: chosen from the risk assessment, as a last resort after de-energizing.',
    ],
    keywords: [
      'EPI',
      'PPE',
      'gants isolants',
      'insulating gloves',
      'vêtements ignifuges',
      'arc-rated',
      'écran facial',
    ],
  }),
  entry({
    id: 'z462-approach-boundaries',
    source: 'rsst',
    reference: 'CSA Z462 (limites d’approche)',
    title: ['Limites d’approche des pièces sous tension', 'Approach boundaries to energized parts'],
    summary: [
      "La norme définit une limite d'approche restreinte et une limite d'approche limitée autour des pièces sous tension, selon la tension; seules des personnes qualifiées avec les protections appropriées les franchissent.",
      'The standard defines a restricted and a limited approach boundary around energized parts, by voltage; only qualified persons with appropriate protection cross them.',
    ],
    keywords: [
      'limite d’approche',
      'approach boundary',
      'personne qualifiée',
      'qualified person',
      'pièces sous tension',
    ],
  }),
  entry({
    id: 'z462-energized-work-permit',
    source: 'rsst',
    reference: 'CSA Z462 (permis de travail sous tension)',
    title: ['Permis de travail sous tension', 'Energized electrical work permit'],
    summary: [
      "Un travail sous tension n'est justifié que si la mise hors tension crée un danger plus grand ou est irréalisable; il exige alors un permis écrit qui justifie le travail, décrit les risques, les EPI et les mesures, et est approuvé par la direction.",
      'Energized work is justified only when de-energizing creates a greater hazard or is infeasible; it then requires a written permit that justifies the work, describes the risks, PPE and measures, and is approved by management.',
    ],
    keywords: ['travail sous tension', 'energized work', 'permis', 'permit', 'justification', 'live work'],
  }),
  entry({
    id: 'cnesst-electric-shock',
    source: 'rsst',
    reference: 'CNESST (accident électrique)',
    title: ['Conduite à tenir après un choc électrique', 'What to do after an electric shock'],
    summary: [
      "Couper l'alimentation avant de toucher la victime si c'est sans risque, appeler le 911, donner les premiers secours, puis déclarer l'accident à l'employeur; un accident grave est signalé sans délai à la CNESST.",
      'Cut the power before touching the victim if it is safe, call 911, give first aid, then report to the employer; a serious accident is reported to the CNESST without delay.',
    ],
    keywords: [
      'choc électrique',
      'electric shock',
      'électrisation',
      'accident',
      'premiers secours',
      'first aid',
      '911',
    ],
  }),
];
