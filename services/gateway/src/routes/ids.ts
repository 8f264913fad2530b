import { AppError } from '@saeq/shared/errors';
import { z } from 'zod';

const Uuid = z.uuid();

/** A malformed id is a 400 (API.md), an unknown one a 404 (answered later). */
export function parseId(raw: string | undefined, path = 'id'): string {
  const parsed = Uuid.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('validation_failed', {
      errors: [{ path, message: 'identifiant UUID invalide / invalid UUID' }],
    });
  }
  return parsed.data.toLowerCase();
}
