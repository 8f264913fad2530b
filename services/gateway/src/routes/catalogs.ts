import { createRoute, z } from '@hono/zod-openapi';
import { hasScope } from '@saeq/shared/auth';
import { AppError } from '@saeq/shared/errors';
import type { GatewayDeps } from '../deps.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { idempotent } from '../middleware/idempotency.ts';
import {
  readMultipartFile,
  readStagedFile,
  stageMultipart,
  uploadTmpDir,
} from '../middleware/multipart-body.ts';
import { uploadSlot } from '../middleware/upload-slots.ts';
import {
  binaryBody,
  documentedOnly,
  documentedQuery,
  IdParam,
  jsonResponse,
  notFound,
  problem,
  problems,
  router,
  scoped,
} from '../openapi/route-kit.ts';
import * as S from '../openapi/schemas.ts';
import { validationError } from '../problem.ts';
import {
  catalogSummary,
  deleteCatalog,
  findCatalog,
  importCatalog,
  listCatalogs,
  setDefaultCatalog,
  unsetDefaultCatalog,
} from '../use-cases/catalogs.ts';
import { cleanName } from '../use-cases/upload-parsing.ts';

const MAX_CATALOG_BYTES = 20 * 1024 * 1024;
export const ImportFields = z.object({
  name: z.string().max(200).optional(),
  default: z.enum(['true', 'false']).optional(),
  priceDate: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
});

const tags = ['catalogs'];

/**
 * Price catalogues: CSV import (multipart `file`, or a raw text/csv body), list, read; choosing,
 * clearing and replacing the organisation's default, and deleting, are an admin's (they reprice
 * every later BOM).
 */
export function catalogRoutes(deps: GatewayDeps) {
  const app = router();

  // The import reads its body itself (multipart or raw CSV, fields from the form or the query):
  // body and query are declared for the document, and validated below with ImportFields.
  const importRoute = createRoute({
    method: 'post',
    path: '/',
    summary:
      'Import a price catalogue CSV (all or nothing; errors name line and column); `default=true` in place of another default catalogue needs `admin`',
    tags,
    ...scoped(
      'plans:write',
      uploadSlot(deps),
      limitBody(MAX_CATALOG_BYTES),
      stageMultipart({ maxFileBytes: MAX_CATALOG_BYTES, tmpDir: uploadTmpDir(deps.env) }),
      idempotent(deps),
    ),
    parameters: documentedQuery(ImportFields),
    request: {
      body: {
        required: true,
        content: {
          'multipart/form-data': { schema: documentedOnly(ImportFields.extend({ file: z.string() })) },
          'text/csv': binaryBody,
        },
      },
    },
    responses: {
      201: jsonResponse('Imported', S.CatalogCreated),
      ...problems,
      403: problem('Missing scope, or replacing the default catalogue without `admin`'),
      413: problem('Too large'),
      415: problem('Not CSV'),
      503: problem('MAX_CONCURRENT_UPLOADS uploads already in progress on this gateway (see Retry-After)'),
    },
  });

  app.openapi(importRoute, async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    let bytes: Uint8Array;
    let fields: Record<string, string | undefined>;
    let filename = 'catalogue.csv';
    if (type === 'multipart/form-data') {
      const form = await readMultipartFile(c, ['name', 'default', 'priceDate']);
      bytes = await readStagedFile(form.file);
      filename = form.file.filename || filename;
      fields = form.fields;
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
        errors: [{ path: 'file', message: { fr: 'fichier vide', en: 'empty file' } }],
      });
    }
    const imported = await importCatalog(deps.db.db, c.get('auth').organisationId, {
      bytes,
      name: cleanName(parsedFields.data.name, filename.replace(/\.csv$/i, '')),
      makeDefault: parsedFields.data.default === undefined ? undefined : parsedFields.data.default === 'true',
      priceDate: parsedFields.data.priceDate,
      mayReplaceDefault: hasScope(c.get('auth').scopes, 'admin'),
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

  const list = createRoute({
    method: 'get',
    path: '/',
    summary: 'The organisation’s catalogues and the built-in indicative one',
    tags,
    ...scoped('plans:read'),
    responses: { 200: jsonResponse('Catalogues', S.CatalogList), ...problems },
  });
  app.openapi(list, async (c) => c.json(await listCatalogs(deps.db.db, c.get('auth').organisationId), 200));

  const one = createRoute({
    method: 'get',
    path: '/{id}',
    summary: 'A catalogue with its items',
    tags,
    ...scoped('plans:read'),
    request: { params: IdParam },
    responses: { 200: jsonResponse('Catalogue', S.CatalogDetail), ...problems, ...notFound },
  });
  app.openapi(one, async (c) => {
    const row = await findCatalog(deps.db.db, c.get('auth').organisationId, c.req.valid('param').id);
    return c.json({ ...catalogSummary(row), items: row.items as unknown[] }, 200);
  });

  const setDefault = createRoute({
    method: 'put',
    path: '/{id}/default',
    summary: 'Make the catalogue the organisation’s default (for BOMs that name none)',
    tags,
    ...scoped('admin'),
    request: { params: IdParam },
    responses: {
      200: jsonResponse('The catalogue, now the default', S.CatalogSummary),
      ...problems,
      ...notFound,
    },
  });
  app.openapi(setDefault, async (c) => {
    const row = await setDefaultCatalog(deps.db.db, c.get('auth').organisationId, c.req.valid('param').id);
    return c.json(catalogSummary(row), 200);
  });

  const unsetDefault = createRoute({
    method: 'delete',
    path: '/{id}/default',
    summary:
      'The catalogue stops being the default: BOMs use the built-in indicative one unless they name one',
    tags,
    ...scoped('admin'),
    request: { params: IdParam },
    responses: {
      200: jsonResponse('The catalogue, no longer the default', S.CatalogSummary),
      ...problems,
      ...notFound,
    },
  });
  app.openapi(unsetDefault, async (c) => {
    const row = await unsetDefaultCatalog(deps.db.db, c.get('auth').organisationId, c.req.valid('param').id);
    return c.json(catalogSummary(row), 200);
  });

  const remove = createRoute({
    method: 'delete',
    path: '/{id}',
    summary: 'Delete a catalogue (BOMs already built keep their prices)',
    tags,
    ...scoped('admin'),
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted' }, ...problems, ...notFound },
  });
  app.openapi(remove, async (c) => {
    await deleteCatalog(deps.db.db, c.get('auth').organisationId, c.req.valid('param').id);
    return c.body(null, 204);
  });

  return app;
}
