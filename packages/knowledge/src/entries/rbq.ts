import { entry, type KnowledgeEntry } from '../knowledge-entry.ts';

/**
 * The Régie du bâtiment du Québec and the other bodies of the electrical trade: licences (the
 * CMEQ issues electrical contractors' licences), declarations of work, the Code de sécurité, and
 * worker qualification. Procedures change; entries describe the obligation, the RBQ or CMEQ site
 * has the current forms.
 */
const RBQ_URL = 'https://www.rbq.gouv.qc.ca/';
const CMEQ_URL = 'https://www.cmeq.org/';

export const rbqEntries: KnowledgeEntry[] = [
  entry({
    id: 'rbq-overview',
    source: 'rbq',
    reference: 'Loi sur le bâtiment (B-1.1)',
    title: ['Régie du bâtiment du Québec', 'Régie du bâtiment du Québec (RBQ)'],
    summary: [
      "La RBQ applique la Loi sur le bâtiment : elle adopte le Code de construction et le Code de sécurité, délivre les licences d'entrepreneurs, inspecte les travaux et peut ordonner des corrections.",
      'The RBQ administers the Building Act: it adopts the Construction Code and the Safety Code, issues contractor licences, inspects work and can order corrections.',
    ],
    keywords: ['RBQ', 'Régie du bâtiment', 'loi sur le bâtiment', 'building act', 'inspection'],
    url: RBQ_URL,
  }),
  entry({
    id: 'rbq-contractor-licence',
    source: 'rbq',
    reference: 'Loi sur le bâtiment (licence d’entrepreneur)',
    title: ['Licence d’entrepreneur en électricité', 'Electrical contractor licence'],
    summary: [
      "Pour exécuter ou faire exécuter des travaux d'électricité pour autrui, une entreprise doit détenir une licence d'entrepreneur en électricité (sous-catégorie 16); pour ce métier la licence est délivrée par la CMEQ, à qui la RBQ a délégué ce rôle.",
      'To perform or have electrical work performed for others, a business must hold an electrical contractor licence (subclass 16); for this trade the licence is issued by the CMEQ, to which the RBQ delegated that role.',
    ],
    keywords: [
      'licence',
      'license',
      'entrepreneur électricien',
      'electrical contractor',
      'sous-catégorie 16',
      'CMEQ',
    ],
    url: CMEQ_URL,
  }),
  entry({
    id: 'rbq-master-electricians-act',
    source: 'rbq',
    reference: 'Loi sur les maîtres électriciens (M-3)',
    title: ['Loi sur les maîtres électriciens et CMEQ', 'Master Electricians Act and the CMEQ'],
    summary: [
      'La Corporation des maîtres électriciens du Québec (CMEQ) regroupe obligatoirement les entrepreneurs électriciens; elle délivre leurs licences, surveille leur qualification et administre un cautionnement et un fonds de garantie pour les clients.',
      'The Corporation des maîtres électriciens du Québec (CMEQ) is the mandatory body of electrical contractors; it issues their licences, oversees their qualification and manages a bond and guarantee fund for clients.',
    ],
    keywords: ['CMEQ', 'maître électricien', 'master electrician', 'corporation', 'membre'],
    url: CMEQ_URL,
  }),
  entry({
    id: 'rbq-licence-exams',
    source: 'rbq',
    reference: 'Licence : répondant et examens',
    title: ['Qualification du répondant de la licence', 'Qualification of the licence’s representative'],
    summary: [
      "Une licence exige un répondant qui a réussi les examens de qualification (administration, santé et sécurité, gestion de projets et de chantier, et connaissances techniques du métier, dont le code de l'électricité).",
      'A licence requires a representative who passed the qualification exams (administration, health and safety, project and site management, and technical knowledge of the trade, including the electrical code).',
    ],
    keywords: ['répondant', 'examen', 'exam', 'qualification', 'licence', 'maître électricien'],
  }),
  entry({
    id: 'rbq-bond',
    source: 'rbq',
    reference: 'Licence : cautionnement',
    title: ['Cautionnement de licence', 'Licence surety bond'],
    summary: [
      "Le titulaire d'une licence fournit un cautionnement qui protège ses clients (par exemple en cas d'acompte non remboursé ou de travaux non terminés); il doit rester en vigueur pour garder la licence.",
      'A licence holder provides a surety bond protecting clients (for example against an unrefunded deposit or unfinished work); it must stay in force to keep the licence.',
    ],
    keywords: ['cautionnement', 'bond', 'garantie', 'acompte', 'deposit', 'client'],
  }),
  entry({
    id: 'rbq-declaration-of-work',
    source: 'rbq',
    reference: 'Déclaration de travaux',
    title: ['Déclaration de travaux électriques', 'Declaration of electrical work'],
    summary: [
      "L'entrepreneur électricien déclare les travaux d'installation électrique visés par la réglementation, ce qui permet à la RBQ de les inspecter; la même démarche sert à la demande d'alimentation auprès d'Hydro-Québec (formulaire « Demande d'alimentation et déclaration de travaux »).",
      'The electrical contractor declares the regulated electrical installation work, which lets the RBQ inspect it; the same step serves as the supply request to Hydro-Québec (the "Demande d’alimentation et déclaration de travaux" form).',
    ],
    keywords: [
      'déclaration de travaux',
      'declaration of work',
      'permis',
      'permit',
      'demande d’alimentation',
      'DADT',
      'formulaire',
    ],
    url: RBQ_URL,
  }),
  entry({
    id: 'rbq-permits',
    source: 'rbq',
    reference: 'Permis de construction (municipalité)',
    title: ['Permis municipal et travaux électriques', 'Municipal permit and electrical work'],
    summary: [
      "Le permis de construction ou de rénovation est délivré par la municipalité; la conformité de l'installation électrique relève du code et de la RBQ, à qui les travaux électriques sont déclarés. Un permis municipal ne remplace pas la déclaration.",
      'The building or renovation permit is issued by the municipality; electrical installation compliance falls under the code and the RBQ, to which electrical work is declared. A municipal permit does not replace the declaration.',
    ],
    keywords: ['permis', 'permit', 'municipalité', 'municipality', 'rénovation', 'renovation'],
  }),
  entry({
    id: 'rbq-inspection',
    source: 'rbq',
    reference: 'RBQ (inspection)',
    title: ['Inspection des travaux par la RBQ', 'RBQ inspection of work'],
    summary: [
      "La RBQ inspecte par échantillonnage les travaux déclarés; un inspecteur peut exiger des corrections par avis et l'entrepreneur doit les faire dans le délai prévu.",
      'The RBQ inspects declared work by sampling; an inspector can require corrections by notice and the contractor must make them within the stated time.',
    ],
    keywords: [
      'inspection',
      'inspecteur',
      'inspector',
      'avis de correction',
      'correction notice',
      'non-conformité',
    ],
  }),
  entry({
    id: 'rbq-safety-code',
    source: 'rbq',
    reference: 'Code de sécurité (B-1.1, r. 3)',
    title: ['Code de sécurité', 'Safety Code'],
    summary: [
      "Le Code de sécurité fixe les obligations des propriétaires pour l'entretien et l'utilisation sécuritaire de bâtiments et d'installations existants; il complète le Code de construction, qui vise les travaux neufs.",
      'The Safety Code sets owners’ obligations for maintaining and safely using existing buildings and installations; it complements the Construction Code, which covers new work.',
    ],
    keywords: [
      'code de sécurité',
      'safety code',
      'propriétaire',
      'owner',
      'entretien',
      'maintenance',
      'existant',
    ],
    url: 'https://www.legisquebec.gouv.qc.ca/fr/document/rc/B-1.1,%20r.%203',
  }),
  entry({
    id: 'rbq-code-adoption',
    source: 'rbq',
    reference: 'Code de construction (adoption des éditions)',
    title: ['Adoption d’une nouvelle édition du code', 'Adoption of a new code edition'],
    summary: [
      "La RBQ adopte par règlement chaque nouvelle édition du chapitre V avec les modifications du Québec, avec une période de transition pendant laquelle l'ancienne édition peut encore être utilisée pour les projets commencés.",
      'The RBQ adopts each new Chapter V edition with Quebec amendments by regulation, with a transition period during which the previous edition may still be used for projects already started.',
    ],
    keywords: [
      'nouvelle édition',
      'new edition',
      'transition',
      'adoption',
      'en vigueur',
      'modifications du Québec',
    ],
  }),
  entry({
    id: 'rbq-approved-equipment',
    source: 'rbq',
    reference: 'RBQ (matériel électrique approuvé)',
    title: [
      'Vente et utilisation de matériel électrique approuvé',
      'Sale and use of approved electrical equipment',
    ],
    summary: [
      'Au Québec, le matériel électrique doit être approuvé (certifié par un organisme accrédité ou inspecté) pour être installé; la RBQ peut intervenir contre du matériel non approuvé et publie des avis de sécurité.',
      'In Quebec, electrical equipment must be approved (certified by an accredited body or inspected) to be installed; the RBQ can act against unapproved equipment and publishes safety notices.',
    ],
    keywords: [
      'matériel approuvé',
      'approved equipment',
      'certification',
      'non certifié',
      'rappel',
      'recall',
    ],
  }),
  entry({
    id: 'ccq-competency-certificate',
    source: 'rbq',
    reference: 'CCQ (certificat de compétence)',
    title: ['Certificat de compétence d’électricien', 'Electrician competency certificate'],
    summary: [
      "Sur les chantiers de construction, les électriciens (compagnons et apprentis) doivent détenir un certificat de compétence délivré par la Commission de la construction du Québec (CCQ); l'apprenti travaille sous la supervision d'un compagnon.",
      'On construction sites, electricians (journeypersons and apprentices) must hold a competency certificate issued by the Commission de la construction du Québec (CCQ); the apprentice works under a journeyperson’s supervision.',
    ],
    keywords: [
      'CCQ',
      'certificat de compétence',
      'compagnon',
      'journeyman',
      'apprenti',
      'apprentice',
      'électricien',
    ],
  }),
  entry({
    id: 'rbq-owner-work',
    source: 'rbq',
    reference: 'Loi sur les maîtres électriciens (travaux par le propriétaire)',
    title: ['Travaux électriques faits par un propriétaire', 'Electrical work by a homeowner'],
    summary: [
      "Les travaux d'installation électrique pour autrui sont réservés aux entrepreneurs électriciens titulaires de licence; un propriétaire qui veut faire des travaux chez lui doit vérifier auprès de la RBQ ou de la CMEQ ce qui est permis et les rendre conformes au code.",
      'Electrical installation work for others is reserved to licensed electrical contractors; a homeowner who wants to do work at home should check with the RBQ or CMEQ what is allowed and make it code compliant.',
    ],
    keywords: ['propriétaire', 'homeowner', 'bricolage', 'DIY', 'travaux soi-même', 'licence'],
  }),
  entry({
    id: 'rbq-guarantee-fund',
    source: 'rbq',
    reference: 'CMEQ (fonds de garantie)',
    title: [
      'Garantie offerte aux clients d’un entrepreneur électricien',
      'Client guarantee for electrical contractors',
    ],
    summary: [
      "Les clients d'un entrepreneur électricien membre de la CMEQ bénéficient d'une garantie (cautionnement et fonds) en cas de travaux non conformes non corrigés ou d'acompte perdu, selon les conditions de la CMEQ.",
      'Clients of a CMEQ member electrical contractor benefit from a guarantee (bond and fund) for uncorrected non-compliant work or a lost deposit, on the CMEQ’s terms.',
    ],
    keywords: ['garantie', 'guarantee', 'fonds', 'client', 'réclamation', 'claim'],
    url: CMEQ_URL,
  }),
  entry({
    id: 'rbq-signature-plans',
    source: 'rbq',
    reference: 'Plans et devis (ingénieur)',
    title: ['Plans électriques signés par un ingénieur', 'Electrical plans sealed by an engineer'],
    summary: [
      "Pour certains bâtiments (selon l'usage et la taille), les plans électriques doivent être préparés et scellés par un ingénieur membre de l'OIQ; une petite maison n'en exige généralement pas. Les résultats de SAEQ ne remplacent pas ce sceau.",
      'For some buildings (by occupancy and size), electrical plans must be prepared and sealed by an engineer who is an OIQ member; a small house usually does not need it. SAEQ results do not replace that seal.',
    ],
    keywords: ['ingénieur', 'engineer', 'OIQ', 'sceau', 'seal', 'plans', 'devis'],
  }),
];
