import { randomUUID } from 'node:crypto';
import { allScopes, createApiKey, ensureOrganisation, type Scope } from '@saeq/shared/auth';
import { completeStage } from '@saeq/shared/plans';
import { enqueue, queues } from '@saeq/shared/queues';
import { buildTextPdf, testRedisUrl } from '@saeq/testing';
import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

// Issue 8: scopes and organisation isolation on every route. The routes come from the served
// OpenAPI document (openapi.int.test.ts fails when the app serves a route missing from it), so a
// new route is checked here without anyone adding it: the test fails loudly when it cannot tell
// what a new route needs (its scope, or which resource a path parameter names).
//
// One gateway and one set of acme resources for the whole file; nothing consumes the queues, so
// plans, BOMs and agent runs stay queued (the plan stages that need a result get one written
// the way a worker would, see seedPlanResults).

let gw: TestGateway;
let ops: Operation[];

/** In every piece of acme data, so that its appearance in another organisation's answer is a leak. */
const MARKER = `ACME-CONFIDENTIEL-${randomUUID().slice(0, 8)}`;
/** Agents are a global catalogue (the same eleven for every organisation), not a tenant resource. */
const AGENT_ID = 'electrical-calculator';

describe('access control on every route of the OpenAPI document', () => {
  beforeAll(async () => {
    gw = await startTestGateway({ RATE_LIMITS_ENABLED: 'false' });
    const res = await gw.app.request('/openapi.json');
    expect(res.status).toBe(200);
    ops = readOperations((await res.json()) as OpenApiDocument);
    await createScopeKeys();
    await createAcmeResources();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('answers 401 problem+json with a challenge to every operation that needs a key, when none is sent', async () => {
    const failures: string[] = [];
    const checked = ops.filter((op) => op.scope !== null);
    for (const op of checked) {
      const res = await call(op, null);
      if (res.status !== 401 || !isProblem(res) || !res.headers.get('www-authenticate'))
        failures.push(`${op.name}: ${describeAnswer(res)}`);
    }
    expect(failures).toEqual([]);
    expect(checked.length).toBeGreaterThanOrEqual(30);
  });

  it('answers 403 to a key holding every scope but the one an operation needs, and lets a key with only that scope through', async () => {
    const failures: string[] = [];
    const scoped = ops.filter((op) => op.scope !== null && op.scope !== 'any');
    for (const op of scoped) {
      const scope = op.scope as Scope;
      const denied = await call(op, scopeKeys.allBut[scope]);
      if (denied.status !== 403 || !isProblem(denied) || parse(denied.body)?.code !== 'forbidden')
        failures.push(`${op.name} without ${scope}: ${describeAnswer(denied)}`);
      const allowed = await call(op, scopeKeys.only[scope]);
      if ([401, 403].includes(allowed.status) || allowed.status >= 500)
        failures.push(`${op.name} with only ${scope}: ${describeAnswer(allowed)}`);
    }
    // Documented as "any valid key": a key without a single scope gets through.
    const open = ops.filter((op) => op.scope === 'any');
    for (const op of open) {
      const res = await call(op, scopeKeys.none);
      if ([401, 403].includes(res.status) || res.status >= 500)
        failures.push(`${op.name} with no scope: ${describeAnswer(res)}`);
    }
    expect(failures).toEqual([]);
    expect(scoped.length).toBeGreaterThanOrEqual(30);
  });

  it('hides every acme resource named in a path from another organisation (404 as for an unknown id), while acme reads it', async () => {
    const failures: string[] = [];
    const reads = ops.filter((op) => op.method === 'get' && op.owned !== null);
    for (const op of reads) {
      const kind = op.owned as OwnedKind;
      failures.push(...(await expectHiddenFromOther(op, kind)));
      const own = await call(op, gw.keys.acme, { id: acme.ids[kind] });
      if (own.status !== 200) failures.push(`${op.name} as acme: ${describeAnswer(own)}`);
      if (kind === 'plan') failures.push(...(await expectQueuedPlanStages(op)));
    }
    expect(failures).toEqual([]);
    // What the fixtures cover today (more is fine: a new kind fails earlier, in ownedKindOf).
    expect(reads.map((op) => op.owned)).toEqual(
      expect.arrayContaining(['plan', 'bom', 'catalog', 'agentRun', 'orchestration']),
    );
  });

  it('shows nothing of acme to another organisation on the other operations (lists, usage, creations, retries)', async () => {
    // Everything that needs a key without an organisation-owned id in its path: lists and totals
    // are filtered by organisation, creations and bulk retries act on the caller's organisation
    // only. `other` is an admin key, so nothing here may be refused; {agentId} names the global
    // agent catalogue. Operator routes (the whole deployment) are checked on their own below.
    const failures: string[] = [];
    const unowned = ops.filter((op) => op.scope !== null && op.scope !== 'operator' && op.owned === null);
    for (const op of unowned) {
      const res = await call(op, gw.keys.other);
      if ([401, 403].includes(res.status) || res.status >= 500)
        failures.push(`${op.name} as other: ${describeAnswer(res)}`);
      const leaked = leaksIn(res);
      if (leaked.length > 0) failures.push(`${op.name} as other shows acme's ${leaked.join(', ')}`);
    }
    expect(failures).toEqual([]);
    await expectAcmeIntact();
  });

  it("refuses another organisation's ids in request bodies as unknown (404), and accepts acme's own", async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const op of ops) {
      for (const field of op.bodyIdFields) {
        const kind = bodyIdKinds[field];
        const base = validBodies[op.name];
        if (!kind || !base) {
          throw new Error(
            `${op.name}: its body names "${field}"; add it to bodyIdKinds and a valid body to validBodies in access-control.int.test.ts`,
          );
        }
        checked++;
        const body = { ...base, [field]: acme.ids[kind] };
        const foreign = await call(op, gw.keys.other, {}, body);
        if (foreign.status !== 404 || !isProblem(foreign) || leaksIn(foreign).length > 0)
          failures.push(`${op.name} with acme's ${field} as other: ${describeAnswer(foreign)}`);
        const own = await call(op, gw.keys.acme, {}, body);
        if (own.status >= 300) failures.push(`${op.name} with ${field} as acme: ${describeAnswer(own)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(3); // catalogId, planId, conversationId today
  });

  it('keeps Idempotency-Key replays within the organisation', async () => {
    // Same key and same body from another organisation: a new resource of its own, never acme's.
    for (const replay of acme.idempotentCreations) {
      const res = await gw.app.request(replay.path, {
        method: 'POST',
        headers: bearer(gw.keys.other, { 'content-type': 'application/json', 'idempotency-key': replay.key }),
        body: replay.body,
      });
      const text = await res.text();
      expect(res.status, replay.path).toBe(202);
      expect((JSON.parse(text) as { id: string }).id, replay.path).not.toBe(replay.id);
      expect(leaksIn({ path: replay.path, body: text }), replay.path).toEqual([]);
    }
  });

  // Bull Board (not in the OpenAPI document, hence checked by hand) and /health/detailed show the
  // whole deployment: every organisation's jobs (organisationId, plan/run/BOM ids, callback URLs),
  // and Bull Board can retry or delete them. Found open to any organisation's admin key by this
  // file; now they take the platform's `operator` scope, which no organisation's admin implies.
  it("keeps the deployment-wide views (Bull Board, /health/detailed) from every organisation's admin", async () => {
    const board = `/admin/queues/api/queues?activeQueue=${queues.webhook.name}&status=failed&page=1`;
    const operatorOps = ops.filter((op) => op.scope === 'operator');
    expect(operatorOps.map((op) => op.name)).toContain('GET /health/detailed');
    for (const key of [gw.keys.other, gw.keys.acme]) {
      const res = await gw.app.request(board, { headers: bearer(key) });
      expect(res.status, board).toBe(403);
      expect(leaksIn({ path: board, body: await res.text() })).toEqual([]);
      for (const op of operatorOps) expect((await call(op, key)).status, op.name).toBe(403);
    }
    const operator = (await createApiKey(gw.db.handle.db, { org: 'platform', scopes: ['operator'] })).key;
    expect((await gw.app.request(board, { headers: bearer(operator) })).status).toBe(200);
    for (const op of operatorOps) expect((await call(op, operator)).status, op.name).toBe(200);
  });

  it("lets another organisation change nothing of acme's through ids in paths (run last: acme then deletes and retries for real)", async () => {
    const failures: string[] = [];
    // Deletions last: the other mutations act on the plan a deletion removes.
    const mutations = ops
      .filter((op) => op.method !== 'get' && op.owned !== null)
      .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    for (const op of mutations) failures.push(...(await expectHiddenFromOther(op, op.owned as OwnedKind)));
    expect(failures).toEqual([]);
    await expectAcmeIntact();
    // A resource's own DELETE goes after the operations on its sub-paths (PUT …/{id}/default).
    const deletesLast = [...mutations].sort(
      (a, b) =>
        Number(a.method === 'delete' && a.path.endsWith('{id}')) -
        Number(b.method === 'delete' && b.path.endsWith('{id}')),
    );
    for (const op of deletesLast) {
      // A correction or a re-run puts the plan's stages back in the queue (nothing consumes it
      // here): each plan mutation starts from the finished plan, as a worker would leave it.
      if (op.owned === 'plan') await seedPlanResults(acme.ids.plan);
      const res = await call(op, gw.keys.acme, { id: acme.ids[op.owned as OwnedKind] });
      if (res.status < 200 || res.status >= 300) failures.push(`${op.name} as acme: ${describeAnswer(res)}`);
    }
    expect(failures).toEqual([]);
    // DELETE plan, DELETE key, retry of a failed job, DELETE legend mapping, corrections and re-run today.
    expect(mutations.map((op) => op.owned)).toEqual(
      expect.arrayContaining(['plan', 'apiKey', 'failedJob', 'legendMapping']),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The operations of the served document

type OpenApiDocument = {
  security?: unknown;
  components?: { schemas?: Record<string, JsonSchema> };
  paths: Record<string, Record<string, Record<string, unknown>>>;
};
type JsonSchema = { $ref?: string; properties?: Record<string, JsonSchema>; format?: string };

/** Organisation-owned resources that a path parameter {id} can name. */
type OwnedKind =
  | 'plan'
  | 'bom'
  | 'catalog'
  | 'agentRun'
  | 'orchestration'
  | 'comparison'
  | 'apiKey'
  | 'failedJob'
  | 'legendMapping';

type Operation = {
  /** e.g. `GET /v1/plans/{id}`, for messages. */
  name: string;
  method: string;
  path: string;
  /** The scope needed; 'any' for any valid key; null for public routes. */
  scope: Scope | 'any' | null;
  /** What {id} names, or null when the path names no organisation-owned resource. */
  owned: OwnedKind | null;
  /** Properties of the JSON body that carry the id of another resource (e.g. catalogId). */
  bodyIdFields: string[];
};

/**
 * Which resource {id} names, by path. Failed jobs ({id} = `queue:jobId`, a BullMQ job) belong to
 * an organisation too: the route looks the job up and answers 404 unless its data carries the
 * caller's organisation, so they are checked like the others on a real failed job of acme's.
 */
const ownedByPath: { prefix: string; kind: OwnedKind }[] = [
  { prefix: '/v1/plans/{id}', kind: 'plan' },
  { prefix: '/v1/boms/{id}', kind: 'bom' },
  { prefix: '/v1/catalogs/{id}', kind: 'catalog' },
  { prefix: '/v1/agent-runs/{id}', kind: 'agentRun' },
  { prefix: '/v1/agent-orchestrations/{id}', kind: 'orchestration' },
  { prefix: '/v1/comparisons/{id}', kind: 'comparison' },
  { prefix: '/v1/admin/keys/{id}', kind: 'apiKey' },
  { prefix: '/v1/admin/failed-jobs/{id}', kind: 'failedJob' },
  { prefix: '/v1/legend-mappings/{id}', kind: 'legendMapping' },
];

/**
 * Path parameters that name no tenant resource: {n} is a page of the plan named by {id};
 * {agentId} an agent of the global catalogue; {entryId} an entry of the global knowledge base.
 */
const unownedParams: Record<string, string> = { n: '1', agentId: AGENT_ID, entryId: 'ceq-8-200' };

/** Body properties that name an organisation's resource, and a valid body to carry them in. */
const bodyIdKinds: Record<string, OwnedKind> = {
  planId: 'plan',
  basePlanId: 'plan',
  revisedPlanId: 'plan',
  catalogId: 'catalog',
  conversationId: 'agentRun',
};
const validBodies: Record<string, Record<string, unknown>> = {
  'POST /v1/boms': { items: [{ type: 'receptacle', quantity: 1 }] },
  'POST /v1/agents/{agentId}/runs': { message: 'Bonjour' },
  'POST /v1/agents/orchestrations': { message: 'Bonjour', agents: [AGENT_ID], mode: 'parallel' },
  // Bodies that the routes' validation accepts, so that what is checked is the id in the path.
  'POST /v1/plans/{id}/analysis/revisions': {
    baseRevision: 0,
    add: [{ type: 'receptacle', page: 1, x: 200, y: 300 }],
  },
  'PUT /v1/legend-mappings': { label: 'Appareil de sondage des portées', type: 'other' },
};

function readOperations(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const scope = requiredScope(name, op, doc.security);
      if (path.startsWith('/v1/') && (scope === undefined || scope === null)) {
        throw new Error(
          `${name} declares no scope (neither x-required-scope nor security): every /v1 route needs a key`,
        );
      }
      out.push({
        name,
        method,
        path,
        scope: scope ?? null,
        owned: ownedKindOf(name, path),
        bodyIdFields: bodyIdFieldsOf(doc, op),
      });
    }
  }
  return out;
}

/**
 * `x-required-scope` when the operation names one, else its `security` (or the document's). Both
 * naming a scope, and different ones, is a broken document: fail rather than pick one.
 */
function requiredScope(
  name: string,
  op: Record<string, unknown>,
  docSecurity: unknown,
): Scope | 'any' | null | undefined {
  const fromSecurity = scopeOfSecurity(name, 'security' in op ? op.security : docSecurity);
  const declared = op['x-required-scope'];
  if (declared !== undefined && declared !== null && typeof declared !== 'string')
    throw new Error(`${name}: x-required-scope is not a string`);
  if (typeof declared !== 'string' || declared === '') return checkedScope(name, fromSecurity);
  if (typeof fromSecurity === 'string' && fromSecurity !== 'any' && fromSecurity !== declared) {
    throw new Error(`${name}: x-required-scope says ${declared} but security says ${fromSecurity}`);
  }
  return checkedScope(name, declared);
}

/** `[]` is public, `[{ bearer: [] }]` any key, `[{ bearer: [scope] }]` that scope. */
function scopeOfSecurity(name: string, security: unknown): string | null | undefined {
  if (security === undefined) return undefined;
  if (!Array.isArray(security)) throw new Error(`${name}: security is not a list`);
  if (security.length === 0) return null;
  if (security.length > 1) throw new Error(`${name}: several security alternatives; this test reads one`);
  const scopes = Object.values(security[0] as Record<string, string[]>).flat();
  if (scopes.length > 1) throw new Error(`${name}: several scopes; this test reads one`);
  return scopes[0] ?? 'any';
}

function checkedScope(name: string, scope: string | null | undefined): Scope | 'any' | null | undefined {
  if (scope === undefined || scope === null || scope === 'any') return scope;
  if (!(allScopes as string[]).includes(scope)) throw new Error(`${name}: unknown scope ${scope}`);
  return scope as Scope;
}

function ownedKindOf(name: string, path: string): OwnedKind | null {
  for (const [, param] of path.matchAll(/\{(\w+)\}/g)) {
    if (param !== 'id' && !((param as string) in unownedParams)) {
      throw new Error(
        `${name}: what does {${param}} name? Add it to ownedByPath or unownedParams in access-control.int.test.ts`,
      );
    }
  }
  if (!path.includes('{id}')) return null;
  const found = ownedByPath.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
  if (!found)
    throw new Error(
      `${name}: which resource does {id} name? Add it to ownedByPath (and a fixture) in access-control.int.test.ts`,
    );
  return found.kind;
}

function bodyIdFieldsOf(doc: OpenApiDocument, op: Record<string, unknown>): string[] {
  const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)
    ?.content;
  const schema = resolve(doc, content?.['application/json']?.schema);
  return Object.entries(schema?.properties ?? {})
    .filter(([field, s]) => /Id$/.test(field) && resolve(doc, s)?.format === 'uuid')
    .map(([field]) => field);
}

function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  const ref = schema?.$ref?.match(/^#\/components\/schemas\/(.+)$/)?.[1];
  return ref ? doc.components?.schemas?.[ref] : schema;
}

// ---------------------------------------------------------------------------------------------
// Requests

/** What an answer is checked on; the body is always read (or, for an event stream, closed). */
type Answer = { path: string; status: number; headers: Headers; body: string };

/** A minimal plausible request: ids filled in (a random UUID unless given), `{}` as body. */
async function call(
  op: Operation,
  key: string | null,
  values: { id?: string } = {},
  body: unknown = validBodies[op.name] ?? {},
): Promise<Answer> {
  const path = op.path.replace(/\{(\w+)\}/g, (_, param: string) =>
    param === 'id' ? (values.id ?? randomUUID()) : (unownedParams[param] as string),
  );
  const headers: Record<string, string> = key ? bearer(key) : {};
  const init: RequestInit = { method: op.method.toUpperCase(), headers };
  if (op.method !== 'get' && op.method !== 'delete') {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await gw.app.request(path, init);
  // Acme's run events stream until the run ends: the status and headers are all that is checked.
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { path, status: res.status, headers: res.headers, body: '' };
  }
  return { path, status: res.status, headers: res.headers, body: await res.text() };
}

function isProblem(answer: Answer): boolean {
  return answer.headers.get('content-type')?.startsWith('application/problem+json') ?? false;
}

function describeAnswer(answer: Answer): string {
  return `${answer.status} ${answer.headers.get('content-type') ?? ''} ${answer.body.slice(0, 160)}`;
}

function parse(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The problem without `instance` (the request path, which differs by id). */
function comparable(text: string): Record<string, unknown> | null {
  const problem = parse(text);
  if (!problem) return null;
  const { instance: _instance, ...rest } = problem;
  return rest;
}

/**
 * Another organisation gets exactly what an unknown id gets (404 problem+json, same code and
 * detail), so it cannot even tell that the resource exists, and none of acme's data.
 */
async function expectHiddenFromOther(op: Operation, kind: OwnedKind): Promise<string[]> {
  const unknownId = kind === 'failedJob' ? `${queues.webhook.name}:${randomUUID()}` : randomUUID();
  const unknown = await call(op, gw.keys.other, { id: unknownId });
  const foreign = await call(op, gw.keys.other, { id: acme.ids[kind] });
  const failures: string[] = [];
  if (unknown.status !== 404 || !isProblem(unknown))
    failures.push(`${op.name} unknown id as other: ${describeAnswer(unknown)}`);
  if (foreign.status !== 404 || !isProblem(foreign))
    failures.push(`${op.name} acme's ${kind} as other: ${describeAnswer(foreign)}`);
  else if (JSON.stringify(comparable(foreign.body)) !== JSON.stringify(comparable(unknown.body)))
    failures.push(
      `${op.name} acme's ${kind} as other differs from an unknown id: ${describeAnswer(foreign)}`,
    );
  const leaked = leaksIn(foreign);
  if (leaked.length > 0) failures.push(`${op.name} as other shows acme's ${leaked.join(', ')}`);
  return failures;
}

/**
 * A plan's stage results before the stage ran: 404 for acme too (documented: the result is not
 * there yet), but saying so (status queued), whereas another organisation gets the unknown-id 404.
 */
async function expectQueuedPlanStages(op: Operation): Promise<string[]> {
  // The plan itself and its status stream answer a queued plan (their subject is its status).
  if (op.path === '/v1/plans/{id}' || op.path === '/v1/plans/{id}/events') return [];
  const own = await call(op, gw.keys.acme, { id: acme.ids.queuedPlan });
  const detail = parse(own.body)?.detail;
  if (own.status === 404 && isProblem(own) && typeof detail === 'string' && detail.includes('queued'))
    return [];
  return [`${op.name} of a queued plan as acme: ${describeAnswer(own)}`];
}

/** Acme's identifiers and data found in a response body (the request's own path excepted). */
function leaksIn(answer: { path: string; body: string }): string[] {
  const text = answer.body.split(answer.path).join('');
  return Object.entries(acme.secrets)
    .filter(([, value]) => text.includes(value))
    .map(([what]) => what);
}

// ---------------------------------------------------------------------------------------------
// Keys and acme's resources

const scopeKeys = {
  allBut: {} as Record<Scope, string>,
  only: {} as Record<Scope, string>,
  none: '',
};

/**
 * Keys of a third organisation: the scope probes create and rotate things (webhook secret, bulk
 * retries), which must not touch acme's resources that the tenant checks use.
 */
async function createScopeKeys() {
  const db = gw.db.handle.db;
  const org = 'scope-probe';
  for (const scope of allScopes) {
    // admin implies every organisation scope (not operator, the platform's)
    const allBut = allScopes.filter((s) => s !== scope && s !== 'admin');
    scopeKeys.allBut[scope] = (await createApiKey(db, { org, scopes: allBut })).key;
    scopeKeys.only[scope] = (await createApiKey(db, { org, scopes: [scope] })).key;
  }
  scopeKeys.none = (await createApiKey(db, { org, scopes: [] })).key;
}

const acme = {
  ids: {} as Record<OwnedKind | 'queuedPlan', string>,
  /** What must never appear in another organisation's answers, by name. */
  secrets: {} as Record<string, string>,
  /** Creations sent with an Idempotency-Key, for the replay check. */
  idempotentCreations: [] as { path: string; key: string; body: string; id: string }[],
  keyClear: '',
  webhookSecret: '',
};

async function createAcmeResources() {
  const pdf = await buildTextPdf(['PLAN ÉLECTRIQUE — SOUS-SOL', MARKER]);
  const planBody = (name: string) =>
    JSON.stringify({ filename: 'plan.pdf', name, contentBase64: Buffer.from(pdf).toString('base64') });
  acme.ids.plan = await create('/v1/plans', planBody(`${MARKER} plan`), 'application/json', true);
  acme.ids.queuedPlan = await create('/v1/plans', planBody(`${MARKER} en attente`), 'application/json');
  await seedPlanResults(acme.ids.plan);
  // A comparison names two plans of its organisation: acme's plan against itself.
  const comparisonBody = { basePlanId: acme.ids.plan, revisedPlanId: acme.ids.plan };
  validBodies['POST /v1/comparisons'] = comparisonBody;
  acme.ids.comparison = await create('/v1/comparisons', JSON.stringify(comparisonBody), 'application/json');
  const mapping = await gw.app.request('/v1/legend-mappings', {
    method: 'PUT',
    headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
    body: JSON.stringify({ label: `Borne ${MARKER}`, type: 'ev_charger' }),
  });
  expect(mapping.status).toBe(201);
  acme.ids.legendMapping = ((await mapping.json()) as { id: string }).id;

  acme.ids.catalog = await create(
    `/v1/catalogs?name=${encodeURIComponent(MARKER)}`,
    `No d’article;Désignation;Catégorie;Unité;Prix unitaire;Escompte;Heures\r\nREC-15;Prise ${MARKER};dispositifs;ch;3,29;10;0,25\r\n`,
    'text/csv',
  );
  acme.ids.bom = await create(
    '/v1/boms',
    // No catalogId nor planId in these two: another organisation replays the very same bodies
    // (Idempotency-Key check), and acme's ids in bodies have their own check.
    JSON.stringify({ items: [{ type: 'receptacle', quantity: 3, room: MARKER }] }),
    'application/json',
    true,
  );
  acme.ids.agentRun = await create(
    `/v1/agents/${AGENT_ID}/runs`,
    JSON.stringify({ message: `Calcul de charge ${MARKER}` }),
    'application/json',
    true,
  );

  acme.ids.orchestration = await create(
    '/v1/agents/orchestrations',
    JSON.stringify({ message: `Orchestration ${MARKER}`, agents: [AGENT_ID], mode: 'parallel' }),
    'application/json',
    true,
  );

  const key = await gw.app.request('/v1/admin/keys', {
    method: 'POST',
    headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
    body: JSON.stringify({ name: MARKER, scopes: ['plans:read'] }),
  });
  expect(key.status).toBe(201);
  const created = (await key.json()) as { id: string; key: string };
  acme.ids.apiKey = created.id;
  acme.keyClear = created.key;

  const organisationId = await ensureOrganisation(gw.db.handle.db, 'acme');
  acme.ids.failedJob = await failWebhookJob(organisationId, acme.ids.plan);

  const secret = await gw.app.request('/v1/admin/webhook-secret', { headers: bearer(gw.keys.acme) });
  acme.webhookSecret = ((await secret.json()) as { secret: string }).secret;

  acme.secrets = {
    marker: MARKER,
    organisationId,
    webhookSecret: acme.webhookSecret,
    keyClear: acme.keyClear,
    ...Object.fromEntries(
      Object.entries(acme.ids).map(([kind, id]) => [`${kind} id`, id.replace(/^[^:]+:/, '')]),
    ),
  };
}

/** POSTs as acme (with an Idempotency-Key when asked, for the replay check) and returns the new id. */
async function create(path: string, body: string, contentType: string, idempotent = false): Promise<string> {
  const key = randomUUID();
  const res = await gw.app.request(path, {
    method: 'POST',
    headers: bearer(gw.keys.acme, {
      'content-type': contentType,
      ...(idempotent ? { 'idempotency-key': key } : {}),
    }),
    body,
  });
  const json = (await res.json()) as { id: string };
  expect(res.status, `${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
  if (idempotent) acme.idempotentCreations.push({ path, key, body, id: json.id });
  return json.id;
}

/**
 * The plan's three stage results, written as the workers write them (completeStage), with a
 * preview and BOM exports in the blob store: acme then reads 200 on every plan route, so another
 * organisation's 404 is tested against data that exists.
 */
async function seedPlanResults(planId: string) {
  const db = gw.db.handle.db;
  const blob = async (what: string) =>
    (await gw.deps.store.put(new TextEncoder().encode(`${MARKER} ${what} ${planId}`))).sha256;
  const now = new Date();
  const byLang = (what: string) => ({ fr: { note: `${MARKER} ${what}` }, en: { note: `${MARKER} ${what}` } });
  const symbol = { type: 'receptacle', symbolId: 'p1-s1', x: 100, y: 100, rotation: 0, circuit: null };
  const analysis = {
    pages: [
      {
        number: 1,
        widthPt: 612,
        heightPt: 792,
        rotation: 0,
        scale: null,
        legend: [],
        rooms: [{ name: MARKER, areaM2: 12, bbox: [0, 0, 612, 792] }],
        symbols: [{ ...symbol, room: MARKER, confidence: 0.9 }],
        panels: [],
        text: MARKER,
      },
    ],
    counts: {
      byType: { receptacle: 1 },
      byRoom: { [MARKER]: { receptacle: 1 } },
      bySheet: { '1': { receptacle: 1 } },
    },
    warnings: [],
    unresolvedLegendEntries: [],
  };
  await completeStage(
    db,
    planId,
    'analysis',
    { ...analysis, previews: { '1': await blob('preview') } },
    now,
    {
      pages: 1,
    },
  );
  await completeStage(db, planId, 'compliance', { kind: 'compliance', byLang: byLang('compliance') }, now);
  const exports = {
    xlsx: await blob('xlsx'),
    'csv-comma': await blob('csv-comma'),
    'csv-semicolon': await blob('csv-semicolon'),
  };
  await completeStage(
    db,
    planId,
    'bom',
    { kind: 'bom', byLang: byLang('bom'), exports: { fr: exports, en: exports } },
    now,
  );
}

/**
 * A failed job of acme's in the webhook queue (which nothing else uses here), failed the way a
 * worker fails it: taken with a lock token, then moved to failed with a permanent error.
 */
async function failWebhookJob(organisationId: string, planId: string): Promise<string> {
  const queue = gw.deps.queues.webhook;
  const job = await enqueue(
    queue,
    queues.webhook,
    { organisationId, event: 'plan.failed', resourceId: planId, url: 'https://hooks.acme.example/saeq' },
    { jobId: randomUUID() },
  );
  const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker(queues.webhook.name, null, { connection, prefix: gw.prefix, autorun: false });
  try {
    const token = randomUUID();
    const taken = await worker.getNextJob(token, { block: false });
    if (taken?.id !== job.id)
      throw new Error(`expected job ${job.id} in the webhook queue, got ${taken?.id}`);
    await taken.moveToFailed(new UnrecoverableError('webhook_forbidden_target: test'), token);
  } finally {
    await worker.close();
    connection.disconnect();
  }
  expect(await queue.getJobState(job.id as string)).toBe('failed');
  return `${queues.webhook.name}:${job.id}`;
}

/** After another organisation's attempts: every acme resource is still there and unchanged. */
async function expectAcmeIntact() {
  const read = async (path: string, key = gw.keys.acme) =>
    (await gw.app.request(path, { headers: bearer(key) })).status;
  expect(await read(`/v1/plans/${acme.ids.plan}`)).toBe(200);
  expect(await read(`/v1/plans/${acme.ids.plan}/analysis`)).toBe(200);
  expect(await read(`/v1/plans/${acme.ids.queuedPlan}`)).toBe(200);
  expect(await read(`/v1/boms/${acme.ids.bom}`)).toBe(200);
  expect(await read(`/v1/catalogs/${acme.ids.catalog}`)).toBe(200);
  expect(await read(`/v1/agent-runs/${acme.ids.agentRun}`)).toBe(200);
  expect(await read(`/v1/agent-orchestrations/${acme.ids.orchestration}`)).toBe(200);
  expect(await read(`/v1/comparisons/${acme.ids.comparison}`)).toBe(200);
  // The key created through the API still works and is not revoked.
  expect(await read('/v1/plans', acme.keyClear)).toBe(200);
  const keys = (await (await gw.app.request('/v1/admin/keys', { headers: bearer(gw.keys.acme) })).json()) as {
    items: { id: string; revokedAt: string | null }[];
  };
  expect(keys.items.find((k) => k.id === acme.ids.apiKey)).toMatchObject({ revokedAt: null });
  const mappings = (await (
    await gw.app.request('/v1/legend-mappings', { headers: bearer(gw.keys.acme) })
  ).json()) as { items: { id: string; type: string }[] };
  expect(mappings.items.find((m) => m.id === acme.ids.legendMapping)).toMatchObject({ type: 'ev_charger' });
  // Nobody else corrected acme's analysis.
  const corrections = (await (
    await gw.app.request(`/v1/plans/${acme.ids.plan}/corrections`, { headers: bearer(gw.keys.acme) })
  ).json()) as { corrections: unknown[] };
  expect(corrections.corrections).toEqual([]);
  const jobId = acme.ids.failedJob.slice(acme.ids.failedJob.indexOf(':') + 1);
  expect(await gw.deps.queues.webhook.getJobState(jobId)).toBe('failed');
  const secret = await gw.app.request('/v1/admin/webhook-secret', { headers: bearer(gw.keys.acme) });
  expect(((await secret.json()) as { secret: string }).secret).toBe(acme.webhookSecret);
}
