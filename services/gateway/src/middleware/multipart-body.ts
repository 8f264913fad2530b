import { AppError } from '@saeq/shared/errors';
import type { Context } from 'hono';

export type MultipartFile<F extends string> = { file: File; fields: Record<F, string | undefined> };

/**
 * A multipart form's `file` part and the text fields named (an empty or non-text field counts as
 * absent). 400 for a form that does not parse, 400 naming `file` when that part is missing.
 */
export async function readMultipartFile<F extends string>(
  c: Context,
  fieldNames: readonly F[],
): Promise<MultipartFile<F>> {
  const form = await c.req.formData().catch(() => {
    throw new AppError('bad_request', {
      detail: { fr: 'Formulaire multipart invalide.', en: 'Invalid multipart form.' },
    });
  });
  const file = form.get('file');
  if (!(file instanceof File)) {
    throw new AppError('validation_failed', {
      errors: [{ path: 'file', message: { fr: 'champ « file » requis', en: '"file" field required' } }],
    });
  }
  const fields = Object.fromEntries(
    fieldNames.map((name) => {
      const value = form.get(name);
      return [name, typeof value === 'string' && value.length > 0 ? value : undefined];
    }),
  ) as Record<F, string | undefined>;
  return { file, fields };
}
