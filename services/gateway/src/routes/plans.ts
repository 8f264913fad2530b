import type { StoredAnalysis, StoredBom } from '@saeq/shared/contracts/stored-results';
import { AppError } from '@saeq/shared/errors';
import { type Context, Hono } from 'hono';
import { etag } from 'hono/etag';
import { z } from 'zod';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';
import { requireScope } from '../middleware/auth.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { immutableWhenOk } from '../middleware/immutable-result.ts';
import { readJsonBody } from '../middleware/json-body.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { validationError } from '../problem.ts';
import {
  decodeCursor,
  deletePlan,
  findPlan,
  listPlans,
  planView,
  stageResultOr404,
  submitPlan,
} from '../use-cases/plans.ts';
import { BomFormatQuery, bomExport, inLang } from '../use-cases/stored-results.ts';
import {
  assertPdf,
  cleanName,
  Edition,
  JsonPlanUpload,
  type PlanUpload,
  safeFilename,
  UploadFields,
} from '../use-cases/upload-parsing.ts';
import { parseId } from './ids.ts';

const PageNumber = z.coerce.number().int().min(1).max(100_000);

export const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export function planRoutes(deps: GatewayDeps) {
  const maxBytes = Math.floor(deps.env.MAX_UPLOAD_MB * 1024 * 1024);
  const app = new Hono<GatewayEnvBindings>();

  app.post(
    '/',
    requireScope('plans:write'),
    rateLimit(deps.rateLimits, 'uploads'),
    // base64 JSON is 4/3 of the file, multipart adds headers: allow for both, then check the file itself.
    limitBody(Math.ceil(maxBytes * 1.37) + 64 * 1024),
    idempotent(deps),
    async (c) => {
      const upload = await readUpload(c, maxBytes);
      const plan = await submitPlan(deps, c.get('auth').organisationId, upload, c.get('requestId'));
      const self = `/v1/plans/${plan.id}`;
      c.header('Location', self);
      return c.json(
        {
          id: plan.id,
          status: 'queued' as const,
          links: {
            self,
            analysis: `${self}/analysis`,
            compliance: `${self}/compliance`,
            bom: `${self}/bom`,
          },
        },
        202,
      );
    },
  );

  app.get('/', requireScope('plans:read'), async (c) => {
    const query = ListQuery.safeParse(c.req.query());
    if (!query.success) throw validationError(query.error);
    const cursor = query.data.cursor ? decodeCursor(query.data.cursor) : undefined;
    const page = await listPlans(deps.db.db, c.get('auth').organisationId, query.data.limit, cursor);
    return c.json(page);
  });

  app.get('/:id', requireScope('plans:read'), async (c) => {
    const { plan, stages } = await findPlan(
      deps.db.db,
      c.get('auth').organisationId,
      parseId(c.req.param('id')),
    );
    return c.json(planView(plan, stages));
  });

  app.delete('/:id', requireScope('plans:write'), async (c) => {
    await deletePlan(deps, c.get('auth').organisationId, parseId(c.req.param('id')));
    return c.body(null, 204);
  });

  app.get('/:id/analysis', requireScope('plans:read'), immutableWhenOk, etag(), async (c) => {
    const result = await stageResultOr404(
      deps.db.db,
      c.get('auth').organisationId,
      parseId(c.req.param('id')),
      'analysis',
    );
    return c.json(result as Record<string, unknown>);
  });

  app.get('/:id/pages/:n/preview.png', requireScope('plans:read'), immutableWhenOk, async (c) => {
    const planId = parseId(c.req.param('id'));
    const page = PageNumber.safeParse(c.req.param('n'));
    if (!page.success) throw validationError(page.error);
    const stored = await stageResultOr404<StoredAnalysis>(
      deps.db.db,
      c.get('auth').organisationId,
      planId,
      'analysis',
    );
    const sha = stored.previews?.[String(page.data)];
    if (!sha) {
      throw new AppError('not_found', {
        detail: { fr: `Aucun aperçu pour la page ${page.data}.`, en: `No preview for page ${page.data}.` },
      });
    }
    c.header('Content-Type', 'image/png');
    return c.body((await deps.store.get(sha)) as Uint8Array<ArrayBuffer>);
  });

  app.get('/:id/compliance', requireScope('plans:read'), immutableWhenOk, etag(), async (c) => {
    const result = await stageResultOr404(
      deps.db.db,
      c.get('auth').organisationId,
      parseId(c.req.param('id')),
      'compliance',
    );
    return c.json(inLang(result, c.get('lang')));
  });

  app.get('/:id/bom', requireScope('plans:read'), immutableWhenOk, etag(), async (c) => {
    const query = BomFormatQuery.safeParse(c.req.query());
    if (!query.success) throw validationError(query.error);
    const planId = parseId(c.req.param('id'));
    const result = await stageResultOr404<StoredBom>(deps.db.db, c.get('auth').organisationId, planId, 'bom');
    if (query.data.format === 'json') return c.json(inLang(result, c.get('lang')));
    const file = await bomExport(result, query.data, c.get('lang'), deps.store, `bom-${planId.slice(0, 8)}`);
    c.header('Content-Type', file.contentType);
    c.header('Content-Disposition', `attachment; filename="${file.filename}"`);
    return c.body(file.body as Uint8Array<ArrayBuffer>);
  });

  return app;
}

async function readUpload(c: Context<GatewayEnvBindings>, maxBytes: number): Promise<PlanUpload> {
  const contentType = c.req.header('content-type') ?? '';
  const url = new URL(c.req.url);
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
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
    const fields = UploadFields.safeParse({
      name: stringField(form.get('name')),
      edition: stringField(form.get('edition')),
      callbackUrl: stringField(form.get('callbackUrl')),
    });
    if (!fields.success) throw validationError(fields.error);
    const data = new Uint8Array(await file.arrayBuffer());
    assertPdf(data, maxBytes);
    const filename = safeFilename(file.name);
    return withOptional(
      { data, filename, name: cleanName(fields.data.name, filename), edition: fields.data.edition ?? '2026' },
      fields.data.callbackUrl,
    );
  }
  if (type === 'application/pdf' || type === 'application/octet-stream') {
    const data = new Uint8Array(await c.req.arrayBuffer());
    assertPdf(data, maxBytes);
    const edition = Edition.safeParse(url.searchParams.get('edition') ?? '2026');
    if (!edition.success) throw validationError(edition.error);
    const filename = safeFilename(
      url.searchParams.get('filename') ?? url.searchParams.get('name') ?? 'plan.pdf',
    );
    return { data, filename, name: cleanName(url.searchParams.get('name'), filename), edition: edition.data };
  }
  if (type === 'application/json') {
    const body = await readJsonBody(c, {
      maxStringLength: Math.ceil(maxBytes * 1.37) + 16,
      maxDepth: 4,
      maxKeys: 50,
    });
    const parsed = JsonPlanUpload.safeParse(body);
    if (!parsed.success) throw validationError(parsed.error);
    const data = new Uint8Array(Buffer.from(parsed.data.contentBase64, 'base64'));
    assertPdf(data, maxBytes);
    const filename = safeFilename(parsed.data.filename);
    return withOptional(
      { data, filename, name: cleanName(parsed.data.name, filename), edition: parsed.data.edition ?? '2026' },
      parsed.data.callbackUrl,
    );
  }
  throw new AppError('unsupported_media_type', {
    detail: {
      fr: 'Envoyez le PDF en multipart/form-data (champ « file »), en application/pdf ou en JSON (contentBase64).',
      en: 'Send the PDF as multipart/form-data ("file" field), application/pdf or JSON (contentBase64).',
    },
  });
}

function stringField(v: FormDataEntryValue | null): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function withOptional(upload: PlanUpload, callbackUrl: string | undefined): PlanUpload {
  return callbackUrl ? { ...upload, callbackUrl } : upload;
}
