import { createRoute, z } from '@hono/zod-openapi';
import type { StoredAnalysis, StoredBom } from '@saeq/shared/contracts/stored-results';
import { AppError } from '@saeq/shared/errors';
import type { Context } from 'hono';
import { etag } from 'hono/etag';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { jsonBody, readJsonBody } from '../middleware/json-body.ts';
import {
  readMultipartFile,
  stagedRawBody,
  stageMultipart,
  uploadTmpDir,
} from '../middleware/multipart-body.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { revalidateWhenOk } from '../middleware/result-cache.ts';
import { uploadSlot } from '../middleware/upload-slots.ts';
import {
  binaryBody,
  binaryResponse,
  documentedOnly,
  documentedQuery,
  IdParam,
  jsonRequestBody,
  jsonResponse,
  notFound,
  problem,
  problems,
  router,
  scoped,
  Uuid,
  xlsxType,
} from '../openapi/route-kit.ts';
import * as S from '../openapi/schemas.ts';
import { validationError } from '../problem.ts';
import {
  analysisRevisionView,
  correctionsExport,
  createAnalysisRevision,
  reanalyzePlan,
} from '../use-cases/analysis-revisions.ts';
import { bomEstimatePdf, pdfType } from '../use-cases/bom-estimate.ts';
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
  assertPdfHead,
  cleanName,
  Edition,
  JsonPlanUpload,
  type PlanUpload,
  safeFilename,
  UploadFields,
} from '../use-cases/upload-parsing.ts';

const PageNumber = z.coerce.number().int().min(1).max(100_000);

export const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

const tags = ['plans'];

/** What a raw application/pdf upload says in its query string (read in readUpload). */
const RawPdfQuery = z.object({
  edition: Edition.optional().describe('application/pdf uploads: code edition (default 2026)'),
  name: z.string().optional().describe('application/pdf uploads: plan name'),
  filename: z.string().optional().describe('application/pdf uploads: file name (default plan.pdf)'),
});

/** Routes on one plan: `plans:read`, its id in the path, an ETag to revalidate with. */
function planResultRoute<const P extends string, R extends Parameters<typeof createRoute>[0]['responses']>(
  path: P,
  summary: string,
  responses: R,
) {
  return createRoute({
    method: 'get',
    path,
    summary,
    tags,
    ...scoped('plans:read', revalidateWhenOk, etag()),
    request: { params: IdParam },
    responses: { ...responses, ...problems, ...notFound },
  });
}

const analysisRoute = createRoute({
  method: 'get',
  path: '/{id}/analysis',
  summary:
    'Analysis: pages, legend, symbols, rooms, panels, counts, warnings, unresolved legend entries (current revision, or ?revision=N; 0 is the analysis as produced)',
  tags,
  ...scoped('plans:read', revalidateWhenOk, etag()),
  request: { params: IdParam, query: S.RevisionQuery },
  responses: { 200: jsonResponse('Analysis', S.AnalysisRevision), ...problems, ...notFound },
});
const revisionRoute = createRoute({
  method: 'post',
  path: '/{id}/analysis/revisions',
  summary:
    'Correct the analysis (add missed symbols, remove false ones): a new revision, from which compliance and BOM run again',
  tags,
  ...scoped('plans:write', limitBody(256 * 1024), jsonBody()),
  request: { params: IdParam, body: jsonRequestBody(S.AnalysisCorrections) },
  responses: {
    201: jsonResponse('The new revision', S.RevisionCreated),
    ...problems,
    ...notFound,
    409: problem('baseRevision is not the current revision, or the plan is still being processed'),
  },
});
const correctionsRoute = createRoute({
  method: 'get',
  path: '/{id}/corrections',
  summary: 'Every correction made on the analysis, as labelled data for evaluation',
  tags,
  ...scoped('plans:read'),
  request: { params: IdParam, query: S.CorrectionsQuery },
  responses: {
    200: jsonResponse('Corrections, oldest first', S.CorrectionsExport),
    ...problems,
    ...notFound,
  },
});
const reanalyzeRoute = createRoute({
  method: 'post',
  path: '/{id}/reanalyze',
  summary:
    'Run the analysis again (with the organisation’s current legend mappings), then compliance and BOM',
  tags,
  ...scoped('plans:write'),
  request: { params: IdParam },
  responses: {
    202: jsonResponse('Accepted; poll the Location', S.Accepted),
    ...problems,
    ...notFound,
    409: problem('The plan is still being processed'),
  },
});
const complianceRoute = planResultRoute('/{id}/compliance', 'Compliance findings (aide à la vérification)', {
  200: jsonResponse('Findings', S.ComplianceReport),
});

export function planRoutes(deps: GatewayDeps) {
  const maxBytes = Math.floor(deps.env.MAX_UPLOAD_MB * 1024 * 1024);
  const app = router();

  // The upload keeps its own reading (three encodings, PDF checks on the bytes): its bodies are
  // declared for the document only, and validated in readUpload with the same zod schemas.
  const uploadRoute = createRoute({
    method: 'post',
    path: '/',
    summary:
      'Upload a plan PDF (multipart, raw application/pdf, or JSON base64); analysis, compliance and BOM follow',
    tags,
    ...scoped(
      'plans:write',
      rateLimit(deps.rateLimits, 'uploads'),
      uploadSlot(deps),
      // base64 JSON is 4/3 of the file, multipart adds headers: allow for both, then check the file itself.
      limitBody(Math.ceil(maxBytes * 1.37) + 64 * 1024),
      stageMultipart({ maxFileBytes: maxBytes, tmpDir: uploadTmpDir(deps.env), rawTypes: rawPdfTypes }),
      idempotent(deps),
    ),
    parameters: documentedQuery(RawPdfQuery),
    request: {
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: documentedOnly(UploadFields.extend({ file: z.string().describe('the PDF') })),
          },
          'application/pdf': binaryBody,
          'application/json': { schema: documentedOnly(JsonPlanUpload) },
        },
      },
    },
    responses: {
      202: jsonResponse('Accepted; poll the Location', S.Accepted),
      ...problems,
      413: problem('Over MAX_UPLOAD_MB'),
      415: problem('Not a PDF'),
      422: problem('Idempotency-Key reused with another body'),
      503: problem('MAX_CONCURRENT_UPLOADS uploads already in progress on this gateway (see Retry-After)'),
    },
  });
  app.openapi(uploadRoute, async (c) => {
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
  });

  const list = createRoute({
    method: 'get',
    path: '/',
    summary: 'The organisation’s plans, newest first',
    tags,
    ...scoped('plans:read'),
    request: { query: ListQuery },
    responses: { 200: jsonResponse('A page of plans', S.PlanList), ...problems },
  });
  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const page = await listPlans(deps.db.db, c.get('auth').organisationId, query.limit, cursor);
    // The edition column is text holding an Edition (checked on upload).
    return c.json(page as z.output<typeof S.PlanList>, 200);
  });

  const one = createRoute({
    method: 'get',
    path: '/{id}',
    summary: 'A plan with its stages',
    tags,
    ...scoped('plans:read'),
    request: { params: IdParam },
    responses: { 200: jsonResponse('The plan', S.PlanView), ...problems, ...notFound },
  });
  app.openapi(one, async (c) => {
    const { plan, stages } = await findPlan(
      deps.db.db,
      c.get('auth').organisationId,
      c.req.valid('param').id,
    );
    return c.json(planView(plan, stages) as z.output<typeof S.PlanView>, 200);
  });

  const remove = createRoute({
    method: 'delete',
    path: '/{id}',
    summary: 'Delete a plan, its file, results and pending jobs',
    tags,
    ...scoped('plans:write'),
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted' }, ...problems, ...notFound },
  });
  app.openapi(remove, async (c) => {
    await deletePlan(deps, c.get('auth').organisationId, c.req.valid('param').id);
    return c.body(null, 204);
  });

  app.openapi(analysisRoute, async (c) => {
    const result = await analysisRevisionView(
      deps,
      c.get('auth').organisationId,
      c.req.valid('param').id,
      c.req.valid('query').revision,
    );
    return c.json(result as z.output<typeof S.AnalysisRevision>, 200);
  });

  app.openapi(revisionRoute, async (c) => {
    const planId = c.req.valid('param').id;
    const auth = c.get('auth');
    const created = await createAnalysisRevision(
      deps,
      { organisationId: auth.organisationId, keyId: auth.id },
      planId,
      c.req.valid('json'),
      c.get('requestId'),
    );
    const self = `/v1/plans/${planId}/analysis?revision=${created.revision}`;
    c.header('Location', self);
    return c.json(
      {
        ...created,
        links: {
          analysis: self,
          plan: `/v1/plans/${planId}`,
          corrections: `/v1/plans/${planId}/corrections`,
        },
      },
      201,
    );
  });

  app.openapi(correctionsRoute, async (c) => {
    const result = await correctionsExport(deps, c.get('auth').organisationId, c.req.valid('param').id);
    return c.json(result as z.output<typeof S.CorrectionsExport>, 200);
  });

  app.openapi(reanalyzeRoute, async (c) => {
    const planId = c.req.valid('param').id;
    await reanalyzePlan(deps, c.get('auth').organisationId, planId, c.get('requestId'));
    const self = `/v1/plans/${planId}`;
    c.header('Location', self);
    return c.json(
      {
        id: planId,
        status: 'queued' as const,
        links: { self, analysis: `${self}/analysis`, compliance: `${self}/compliance`, bom: `${self}/bom` },
      },
      202,
    );
  });

  const preview = createRoute({
    method: 'get',
    path: '/{id}/pages/{n}/preview.png',
    summary: 'Annotated preview of a page: detected symbols outlined and labelled by type',
    tags,
    ...scoped('plans:read', revalidateWhenOk, etag()),
    request: { params: z.object({ id: Uuid, n: PageNumber }) },
    responses: { 200: binaryResponse('image/png', 'PNG'), ...problems, ...notFound },
  });
  app.openapi(preview, async (c) => {
    const { id: planId, n: page } = c.req.valid('param');
    const stored = await stageResultOr404<StoredAnalysis>(
      deps.db.db,
      c.get('auth').organisationId,
      planId,
      'analysis',
    );
    const sha = stored.previews?.[String(page)];
    if (!sha) {
      throw new AppError('not_found', {
        detail: { fr: `Aucun aperçu pour la page ${page}.`, en: `No preview for page ${page}.` },
      });
    }
    c.header('Content-Type', 'image/png');
    return c.body((await deps.store.get(sha)) as Uint8Array<ArrayBuffer>);
  });

  app.openapi(complianceRoute, async (c) => {
    const result = await stageResultOr404(
      deps.db.db,
      c.get('auth').organisationId,
      c.req.valid('param').id,
      'compliance',
    );
    return c.json(inLang(result, c.get('lang')) as z.output<typeof S.ComplianceReport>, 200);
  });

  const bom = createRoute({
    method: 'get',
    path: '/{id}/bom',
    summary: 'Bill of materials as JSON, CSV, XLSX or the estimate PDF',
    tags,
    ...scoped('plans:read', revalidateWhenOk, etag()),
    request: { query: BomFormatQuery, params: IdParam },
    responses: {
      200: {
        description:
          'BOM (JSON; CSV, XLSX or the "Soumission" / "Estimate" PDF with ?format=; the PDF follows Accept-Language)',
        content: {
          'application/json': { schema: S.BomResult },
          'text/csv': binaryBody,
          [xlsxType]: binaryBody,
          [pdfType]: binaryBody,
        },
      },
      ...problems,
      ...notFound,
    },
  });
  app.openapi(bom, async (c) => {
    const query = c.req.valid('query');
    const planId = c.req.valid('param').id;
    const result = await stageResultOr404<StoredBom>(deps.db.db, c.get('auth').organisationId, planId, 'bom');
    if (query.format === 'json')
      return c.json(inLang(result, c.get('lang')) as z.output<typeof S.BomResult>, 200);
    const organisationId = c.get('auth').organisationId;
    const file =
      query.format === 'pdf'
        ? await bomEstimatePdf(
            deps,
            organisationId,
            result,
            { kind: 'plan', plan: (await findPlan(deps.db.db, organisationId, planId)).plan },
            c.get('lang'),
          )
        : await bomExport(result, query, c.get('lang'), deps.store, `bom-${planId.slice(0, 8)}`);
    c.header('Content-Type', file.contentType);
    c.header('Content-Disposition', `attachment; filename="${file.filename}"`);
    return c.body(file.body as Uint8Array<ArrayBuffer>);
  });

  return app;
}

/** Content types of a raw PDF upload (the whole body is the file). */
const rawPdfTypes: readonly string[] = ['application/pdf', 'application/octet-stream'];

async function readUpload(c: Context<GatewayEnvBindings>, maxBytes: number): Promise<PlanUpload> {
  const contentType = c.req.header('content-type') ?? '';
  const url = new URL(c.req.url);
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'multipart/form-data') {
    const { file, fields: raw } = await readMultipartFile(c, ['name', 'edition', 'callbackUrl']);
    const fields = UploadFields.safeParse(raw);
    if (!fields.success) throw validationError(fields.error);
    assertPdfHead(file.head, file.sizeBytes, maxBytes);
    const filename = safeFilename(file.filename);
    return withOptional(
      {
        data: file,
        filename,
        name: cleanName(fields.data.name, filename),
        edition: fields.data.edition ?? '2026',
      },
      fields.data.callbackUrl,
    );
  }
  if (rawPdfTypes.includes(type)) {
    // Streamed to a temporary file while hashed (stageMultipart), as a multipart file part.
    const data = await stagedRawBody(c);
    assertPdfHead(data.head, data.sizeBytes, maxBytes);
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

function withOptional(upload: PlanUpload, callbackUrl: string | undefined): PlanUpload {
  return callbackUrl ? { ...upload, callbackUrl } : upload;
}
