import { CalculationKind, calculations } from '@saeq/electrical-code';
import { z } from 'zod';
import { CreateKey } from '../routes/admin.ts';
import { ImportFields } from '../routes/catalogs.ts';
import { BulkRetry, FailedJobsQuery } from '../routes/failed-jobs.ts';
import { ListQuery } from '../routes/plans.ts';
import { RulesQuery } from '../routes/rules.ts';
import { AgentRunRequest } from '../use-cases/agent-runs.ts';
import { BomRequest } from '../use-cases/boms.ts';
import { BomFormatQuery } from '../use-cases/stored-results.ts';
import { JsonPlanUpload, UploadFields } from '../use-cases/upload-parsing.ts';
import * as S from './schemas.ts';

export type RouteDoc = {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI path template, e.g. /v1/plans/{id}. */
  path: string;
  summary: string;
  tag: string;
  /** Scope required; 'any' for any valid key; null for public routes. */
  scope: string | null;
  query?: z.ZodType;
  body?: Record<string, z.ZodType | null>;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
};

const problem = (description: string) => ({
  description,
  schema: S.Problem,
  contentType: 'application/problem+json',
});
const common = {
  400: problem('Invalid input (one entry per bad field in `errors`)'),
  401: problem('Missing or invalid API key'),
  403: problem('The key lacks the required scope'),
  429: problem('Rate limited (see Retry-After and RateLimit headers)'),
};
const Id = { 404: problem('Unknown id, or another organisation’s resource') };
const binary = (contentType: string, description: string) => ({ description, contentType });

const calculationRoutes: RouteDoc[] = CalculationKind.options.map((kind) => ({
  method: 'post',
  path: `/v1/calculations/${kind}`,
  summary: `Calculation ${kind} (pure, synchronous; cites rules and states assumptions)`,
  tag: 'calculations',
  scope: 'calc',
  body: { 'application/json': calculations[kind].input },
  responses: {
    200: {
      description: 'Result with steps, rule references and assumptions',
      schema: calculations[kind].result,
    },
    ...common,
    422: problem('The code gives no answer for this input'),
  },
}));

/** Every route of the public API. A test fails when the app serves a route missing here. */
export const routeDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/health',
    summary: 'Liveness',
    tag: 'operations',
    scope: null,
    responses: { 200: { description: 'Alive', schema: S.Health } },
  },
  {
    method: 'get',
    path: '/health/ready',
    summary: 'Readiness: Redis and Postgres answer',
    tag: 'operations',
    scope: null,
    responses: {
      200: { description: 'Ready', schema: S.Ready },
      503: { description: 'A dependency is down', schema: S.Ready },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics',
    tag: 'operations',
    scope: null,
    responses: { 200: binary('text/plain; version=0.0.4', 'Prometheus text format') },
  },
  {
    method: 'get',
    path: '/health/detailed',
    summary:
      'Dependencies with latency, queues, workers, version, uptime, memory (operator key: the whole deployment)',
    tag: 'operations',
    scope: 'operator',
    responses: {
      200: { description: 'Detailed health', schema: z.record(z.string(), z.unknown()) },
      401: common[401],
      403: common[403],
    },
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    tag: 'operations',
    scope: null,
    responses: { 200: { description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) } },
  },
  {
    method: 'get',
    path: '/docs',
    summary: 'Human-readable API reference',
    tag: 'operations',
    scope: null,
    responses: { 200: binary('text/html', 'HTML') },
  },
  {
    method: 'post',
    path: '/v1/plans',
    summary:
      'Upload a plan PDF (multipart, raw application/pdf, or JSON base64); analysis, compliance and BOM follow',
    tag: 'plans',
    scope: 'plans:write',
    body: {
      'multipart/form-data': UploadFields.extend({ file: z.string().describe('the PDF') }),
      'application/pdf': null,
      'application/json': JsonPlanUpload,
    },
    responses: {
      202: { description: 'Accepted; poll the Location', schema: S.Accepted },
      ...common,
      413: problem('Over MAX_UPLOAD_MB'),
      415: problem('Not a PDF'),
      422: problem('Idempotency-Key reused with another body'),
    },
  },
  {
    method: 'get',
    path: '/v1/plans',
    summary: 'The organisation’s plans, newest first',
    tag: 'plans',
    scope: 'plans:read',
    query: ListQuery,
    responses: { 200: { description: 'A page of plans', schema: S.PlanList }, ...common },
  },
  {
    method: 'get',
    path: '/v1/plans/{id}',
    summary: 'A plan with its stages',
    tag: 'plans',
    scope: 'plans:read',
    responses: { 200: { description: 'The plan', schema: S.PlanView }, ...common, ...Id },
  },
  {
    method: 'delete',
    path: '/v1/plans/{id}',
    summary: 'Delete a plan, its file, results and pending jobs',
    tag: 'plans',
    scope: 'plans:write',
    responses: { 204: { description: 'Deleted' }, ...common, ...Id },
  },
  {
    method: 'get',
    path: '/v1/plans/{id}/analysis',
    summary: 'Analysis: pages, legend, symbols, rooms, panels, counts, warnings',
    tag: 'plans',
    scope: 'plans:read',
    responses: { 200: { description: 'Analysis', schema: S.PlanAnalysis }, ...common, ...Id },
  },
  {
    method: 'get',
    path: '/v1/plans/{id}/compliance',
    summary: 'Compliance findings (aide à la vérification)',
    tag: 'plans',
    scope: 'plans:read',
    responses: { 200: { description: 'Findings', schema: S.ComplianceReport }, ...common, ...Id },
  },
  {
    method: 'get',
    path: '/v1/plans/{id}/bom',
    summary: 'Bill of materials as JSON, CSV or XLSX',
    tag: 'plans',
    scope: 'plans:read',
    query: BomFormatQuery,
    responses: {
      200: { description: 'BOM (JSON; CSV or XLSX with ?format=)', schema: S.BomResult },
      ...common,
      ...Id,
    },
  },
  {
    method: 'get',
    path: '/v1/plans/{id}/pages/{n}/preview.png',
    summary: 'Annotated preview of a page: detected symbols outlined and labelled by type',
    tag: 'plans',
    scope: 'plans:read',
    responses: { 200: binary('image/png', 'PNG'), ...common, ...Id },
  },
  {
    method: 'post',
    path: '/v1/boms',
    summary: 'A BOM from an item list, without a plan',
    tag: 'boms',
    scope: 'plans:write',
    body: { 'application/json': BomRequest },
    responses: { 202: { description: 'Accepted', schema: S.Accepted }, ...common, ...Id },
  },
  {
    method: 'get',
    path: '/v1/boms/{id}',
    summary: 'A BOM (JSON; CSV or XLSX with ?format=)',
    tag: 'boms',
    scope: 'plans:read',
    query: BomFormatQuery,
    responses: { 200: { description: 'BOM', schema: S.BomView }, ...common, ...Id },
  },
  {
    method: 'post',
    path: '/v1/catalogs',
    summary: 'Import a price catalogue CSV (all or nothing; errors name line and column)',
    tag: 'catalogs',
    scope: 'plans:write',
    query: ImportFields,
    body: { 'multipart/form-data': ImportFields.extend({ file: z.string() }), 'text/csv': null },
    responses: {
      201: { description: 'Imported', schema: S.CatalogCreated },
      ...common,
      413: problem('Too large'),
      415: problem('Not CSV'),
    },
  },
  {
    method: 'get',
    path: '/v1/catalogs',
    summary: 'The organisation’s catalogues and the built-in indicative one',
    tag: 'catalogs',
    scope: 'plans:read',
    responses: { 200: { description: 'Catalogues', schema: S.CatalogList }, ...common },
  },
  {
    method: 'get',
    path: '/v1/catalogs/{id}',
    summary: 'A catalogue with its items',
    tag: 'catalogs',
    scope: 'plans:read',
    responses: { 200: { description: 'Catalogue', schema: S.CatalogDetail }, ...common, ...Id },
  },
  {
    method: 'get',
    path: '/v1/rules',
    summary: 'The compliance rule catalogue of an edition',
    tag: 'calculations',
    scope: 'any',
    query: RulesQuery,
    responses: { 200: { description: 'Rules', schema: S.RulesList }, ...common },
  },
  ...calculationRoutes,
  {
    method: 'get',
    path: '/v1/agents',
    summary: 'The eleven agents',
    tag: 'agents',
    scope: 'any',
    responses: { 200: { description: 'Agents', schema: z.array(S.AgentSummary) }, ...common },
  },
  {
    method: 'post',
    path: '/v1/agents/{agentId}/runs',
    summary: 'Ask an agent (optionally about a plan, or continuing a conversation)',
    tag: 'agents',
    scope: 'agents:run',
    body: { 'application/json': AgentRunRequest },
    responses: { 202: { description: 'Accepted', schema: S.Accepted }, ...common, ...Id },
  },
  {
    method: 'get',
    path: '/v1/agent-runs/{id}',
    summary: 'An agent run: answer, tool calls, usage',
    tag: 'agents',
    scope: 'agents:run',
    responses: { 200: { description: 'Run', schema: S.AgentRunView }, ...common, ...Id },
  },
  {
    method: 'get',
    path: '/v1/agent-runs/{id}/events',
    summary: 'Server-Sent Events: status, tool calls, answer text',
    tag: 'agents',
    scope: 'agents:run',
    responses: { 200: binary('text/event-stream', 'SSE stream'), ...common, ...Id },
  },
  {
    method: 'get',
    path: '/v1/usage',
    summary: 'Language-model token usage and estimated cost per agent',
    tag: 'agents',
    scope: 'agents:run',
    responses: { 200: { description: 'Usage', schema: z.record(z.string(), z.unknown()) }, ...common },
  },
  {
    method: 'get',
    path: '/v1/admin/keys',
    summary: 'The organisation’s API keys (prefixes only)',
    tag: 'admin',
    scope: 'admin',
    responses: { 200: { description: 'Keys', schema: S.KeyList }, ...common },
  },
  {
    method: 'post',
    path: '/v1/admin/keys',
    summary: 'Create a key (shown once)',
    tag: 'admin',
    scope: 'admin',
    body: { 'application/json': CreateKey },
    responses: { 201: { description: 'Created', schema: S.KeyCreated }, ...common },
  },
  {
    method: 'delete',
    path: '/v1/admin/keys/{id}',
    summary: 'Revoke a key',
    tag: 'admin',
    scope: 'admin',
    responses: {
      204: { description: 'Revoked' },
      ...common,
      ...Id,
      409: problem('A key cannot revoke itself'),
    },
  },
  {
    method: 'get',
    path: '/v1/admin/failed-jobs',
    summary:
      'Dead letters: the organisation’s failed jobs (filters: queue, code, age); permanent vs transient',
    tag: 'admin',
    scope: 'admin',
    query: FailedJobsQuery,
    responses: {
      200: {
        description: 'Failed jobs',
        schema: z.object({ items: z.array(z.record(z.string(), z.unknown())), total: z.number() }),
      },
      ...common,
    },
  },
  {
    method: 'post',
    path: '/v1/admin/failed-jobs/retry',
    summary: 'Retry failed jobs in bulk (transient ones unless includePermanent)',
    tag: 'admin',
    scope: 'admin',
    body: { 'application/json': BulkRetry },
    responses: {
      200: { description: 'Counts', schema: z.object({ retried: z.number(), matched: z.number() }) },
      ...common,
    },
  },
  {
    method: 'post',
    path: '/v1/admin/failed-jobs/{id}/retry',
    summary: 'Retry one failed job (id = "<queue>:<jobId>")',
    tag: 'admin',
    scope: 'admin',
    responses: {
      202: { description: 'Queued again', schema: z.object({ id: z.string(), status: z.literal('queued') }) },
      ...common,
      ...Id,
      409: problem('Not failed'),
    },
  },
  {
    method: 'get',
    path: '/v1/admin/webhook-secret',
    summary: 'The webhook signing secret',
    tag: 'admin',
    scope: 'admin',
    responses: { 200: { description: 'Secret', schema: S.WebhookSecret }, ...common },
  },
  {
    method: 'post',
    path: '/v1/admin/webhook-secret/rotate',
    summary: 'Rotate the webhook signing secret',
    tag: 'admin',
    scope: 'admin',
    responses: { 200: { description: 'New secret', schema: S.WebhookSecret }, ...common },
  },
];

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
}

/** The OpenAPI 3.1 document, generated from the zod schemas the gateway validates with. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const doc of routeDocs) {
    const params = [...doc.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema:
        m[1] === 'n'
          ? { type: 'integer', minimum: 1 }
          : m[1] === 'agentId' || doc.path.includes('failed-jobs')
            ? { type: 'string' }
            : { type: 'string', format: 'uuid' },
    }));
    const query = doc.query ? jsonSchema(doc.query, 'input') : null;
    const queryParams = query
      ? Object.entries((query.properties ?? {}) as Record<string, unknown>).map(([name, schema]) => ({
          name,
          in: 'query',
          required: ((query.required as string[] | undefined) ?? []).includes(name),
          schema,
        }))
      : [];
    const operation: Record<string, unknown> = {
      summary: doc.summary,
      tags: [doc.tag],
      operationId: `${doc.method}${doc.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: [
        ...params,
        ...queryParams,
        { name: 'Accept-Language', in: 'header', schema: { type: 'string', example: 'en' } },
      ],
      security: doc.scope === null ? [] : [{ bearer: doc.scope === 'any' ? [] : [doc.scope] }],
      responses: Object.fromEntries(
        Object.entries(doc.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema || r.contentType
              ? {
                  content: {
                    [r.contentType ?? 'application/json']: r.schema
                      ? { schema: jsonSchema(r.schema, 'output') }
                      : {},
                  },
                }
              : {}),
          },
        ]),
      ),
    };
    if (doc.body) {
      operation.requestBody = {
        required: true,
        content: Object.fromEntries(
          Object.entries(doc.body).map(([type, schema]) => [
            type,
            schema
              ? { schema: jsonSchema(schema, 'input') }
              : { schema: { type: 'string', format: 'binary' } },
          ]),
        ),
      };
    }
    paths[doc.path] ??= {};
    (paths[doc.path] as Record<string, unknown>)[doc.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'SAEQ — Système d’Agents Électriques Québécois',
      version,
      description:
        'Plan analysis, Quebec electrical code calculations (CSA C22.10), bills of materials and specialist agents. Results are an aide à la vérification; a licensed master electrician signs off.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'API key of an organisation (scopes: plans:read, plans:write, agents:run, calc, admin), or the platform operator’s (operator: Bull Board, /health/detailed)',
        },
      },
    },
    paths,
  };
}
