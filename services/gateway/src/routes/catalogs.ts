import { AppError } from '@saeq/shared/errors';
import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';
import { requireScope } from '../middleware/auth.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { validationError } from '../problem.ts';
import { catalogSummary, findCatalog, importCatalog, listCatalogs } from '../use-cases/catalogs.ts';
import { cleanName } from '../use-cases/upload-parsing.ts';
import { parseId } from './ids.ts';

const MAX_CATALOG_BYTES = 20 * 1024 * 1024;
export const ImportFields = z.object({
  name: z.string().max(200).optional(),
  default: z.enum(['true', 'false']).optional(),
  priceDate: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
});

/** Price catalogues: CSV import (multipart `file`, or a raw text/csv body), list, read. */
export function catalogRoutes(deps: GatewayDeps) {
  const app = new Hono<GatewayEnvBindings>();

  app.post('/', requireScope('plans:write'), limitBody(MAX_CATALOG_BYTES), idempotent(deps), async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    let bytes: Uint8Array;
    let fields: Record<string, string | undefined>;
    let filename = 'catalogue.csv';
    if (type === 'multipart/form-data') {
      const form = await c.req.formData().catch(() => {
        throw new AppError('bad_request', {
          detail: { fr: 'Formulaire multipart invalide.', en: 'Invalid multipart form.' },
        });
      });
      const file = form.get('file');
      if (!(file instanceof File)) {
        throw new AppError('validation_failed', {
          errors: [{ path: 'file', message: 'champ « file » requis / "file" field required' }],
        });
      }
      bytes = new Uint8Array(await file.arrayBuffer());
      filename = file.name || filename;
      fields = Object.fromEntries(
        ['name', 'default', 'priceDate'].map((k) => [
          k,
          typeof form.get(k) === 'string' ? (form.get(k) as string) : undefined,
        ]),
      );
    } else if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain') {
      bytes = new Uint8Array(await c.req.arrayBuffer());
      fields = c.req.query();
    } else {
      throw new AppError('unsupported_media_type', {
        detail: {
          fr: 'Envoyez un fichier CSV (multipart « file » ou text/csv).',
          en: 'Send a CSV file (multipart "file" or text/csv).',
        },
      });
    }
    const parsedFields = ImportFields.safeParse(
      Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    );
    if (!parsedFields.success) throw validationError(parsedFields.error);
    if (bytes.byteLength === 0) {
      throw new AppError('validation_failed', {
        errors: [{ path: 'file', message: 'fichier vide / empty file' }],
      });
    }
    const imported = await importCatalog(deps.db.db, c.get('auth').organisationId, {
      bytes,
      name: cleanName(parsedFields.data.name, filename.replace(/\.csv$/i, '')),
      makeDefault: parsedFields.data.default === undefined ? undefined : parsedFields.data.default === 'true',
      priceDate: parsedFields.data.priceDate,
    });
    c.header('Location', `/v1/catalogs/${imported.row.id}`);
    return c.json(
      {
        ...catalogSummary(imported.row),
        encoding: imported.encoding,
        separator: imported.separator,
        ignoredColumns: imported.ignoredColumns,
      },
      201,
    );
  });

  app.get('/', requireScope('plans:read'), async (c) =>
    c.json(await listCatalogs(deps.db.db, c.get('auth').organisationId)),
  );

  app.get('/:id', requireScope('plans:read'), async (c) => {
    const row = await findCatalog(deps.db.db, c.get('auth').organisationId, parseId(c.req.param('id')));
    return c.json({ ...catalogSummary(row), items: row.items });
  });

  return app;
}
