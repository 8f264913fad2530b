import type { ErrorCode } from './app-error.ts';

/** Generic titles and details per error code, in Québec French and English. */
export const errorMessages = {
  bad_request: {
    fr: { title: 'Requête invalide', detail: 'La requête est mal formée.' },
    en: { title: 'Bad request', detail: 'The request is malformed.' },
  },
  validation_failed: {
    fr: { title: 'Données invalides', detail: 'Un ou plusieurs champs sont invalides.' },
    en: { title: 'Invalid data', detail: 'One or more fields are invalid.' },
  },
  unauthenticated: {
    fr: {
      title: 'Authentification requise',
      detail: 'Fournissez une clé d’API valide (Authorization: Bearer <clé>).',
    },
    en: {
      title: 'Authentication required',
      detail: 'Provide a valid API key (Authorization: Bearer <key>).',
    },
  },
  forbidden: {
    fr: { title: 'Accès refusé', detail: 'Cette clé d’API n’a pas la portée requise pour cette opération.' },
    en: { title: 'Forbidden', detail: 'This API key lacks the scope required for this operation.' },
  },
  not_found: {
    fr: { title: 'Introuvable', detail: 'La ressource demandée n’existe pas.' },
    en: { title: 'Not found', detail: 'The requested resource does not exist.' },
  },
  conflict: {
    fr: { title: 'Conflit', detail: 'La ressource n’est pas dans un état qui permet cette opération.' },
    en: { title: 'Conflict', detail: 'The resource is not in a state that allows this operation.' },
  },
  idempotency_mismatch: {
    fr: {
      title: 'Clé d’idempotence réutilisée',
      detail: 'Cette clé d’idempotence a déjà servi pour une autre requête.',
    },
    en: {
      title: 'Idempotency key reused',
      detail: 'This idempotency key was already used for a different request.',
    },
  },
  payload_too_large: {
    fr: { title: 'Contenu trop volumineux', detail: 'Le contenu dépasse la taille maximale permise.' },
    en: { title: 'Payload too large', detail: 'The content exceeds the maximum allowed size.' },
  },
  unsupported_media_type: {
    fr: { title: 'Type de contenu non pris en charge', detail: 'Le fichier doit être un PDF.' },
    en: { title: 'Unsupported media type', detail: 'The file must be a PDF.' },
  },
  rate_limited: {
    fr: { title: 'Trop de requêtes', detail: 'Limite de requêtes atteinte; réessayez plus tard.' },
    en: { title: 'Too many requests', detail: 'Rate limit reached; try again later.' },
  },
  dependency_unavailable: {
    fr: {
      title: 'Service temporairement indisponible',
      detail: 'Une dépendance (Redis ou Postgres) ne répond pas.',
    },
    en: {
      title: 'Service temporarily unavailable',
      detail: 'A dependency (Redis or Postgres) is not answering.',
    },
  },
  calculation_error: {
    fr: { title: 'Calcul impossible', detail: 'Le calcul ne peut pas être effectué avec ces données.' },
    en: { title: 'Calculation not possible', detail: 'The calculation cannot be done with these inputs.' },
  },
  pdf_unreadable: {
    fr: { title: 'PDF illisible', detail: 'Le fichier PDF est endommagé ou illisible.' },
    en: { title: 'Unreadable PDF', detail: 'The PDF file is damaged or unreadable.' },
  },
  pdf_encrypted: {
    fr: { title: 'PDF protégé', detail: 'Le fichier PDF est protégé par un mot de passe.' },
    en: { title: 'Encrypted PDF', detail: 'The PDF file is password-protected.' },
  },
  pdf_too_large: {
    fr: { title: 'PDF trop lourd', detail: 'Le PDF dépasse les limites de traitement (pages ou mémoire).' },
    en: { title: 'PDF too large', detail: 'The PDF exceeds processing limits (pages or memory).' },
  },
  pdf_timeout: {
    fr: { title: 'Délai dépassé', detail: 'L’analyse du PDF a dépassé le temps permis.' },
    en: { title: 'Timed out', detail: 'Analysing the PDF took longer than allowed.' },
  },
  worker_crashed: {
    fr: {
      title: 'Traitement interrompu',
      detail:
        'Le traitement s’est interrompu à chaque tentative (processus arrêté ou mémoire épuisée) ; la tâche a été abandonnée. Soumettez-la de nouveau ou signalez-la si cela se répète.',
    },
    en: {
      title: 'Processing interrupted',
      detail:
        'Processing was interrupted on every attempt (process killed or out of memory); the job was abandoned. Submit it again, or report it if this happens again.',
    },
  },
  internal: {
    fr: { title: 'Erreur interne', detail: 'Une erreur inattendue est survenue. Elle a été journalisée.' },
    en: { title: 'Internal error', detail: 'An unexpected error occurred. It has been logged.' },
  },
} as const satisfies Record<ErrorCode, Record<'fr' | 'en', { title: string; detail: string }>>;
