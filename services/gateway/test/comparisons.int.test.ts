import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, waitFor } from '@saeq/testing';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlan, sampleSpec } from '../../../scripts/plans/index.ts';
import { ComparisonView } from '../src/openapi/schemas.ts';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// Issue 21: revision compare through the gateway, the plan-comparison queue and a real worker-bom,
// on plans analysed by a real worker-pdf.

let gw: TestGateway;
let workers: RunningWorkers | undefined;
beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMITS_ENABLED: 'false' });
  // Two worker processes starting on a shared 2-core machine: allow them more than the default 30 s.
  workers = await startWorkers(gw, ['worker-pdf', 'worker-bom'], { readyTimeoutMs: 120_000 });
}, 180_000);
afterAll(async () => {
  await workers?.stop();
  await gw?.close();
});

async function upload(pdf: Uint8Array, name: string, key = gw.keys.acme): Promise<string> {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(pdf)], name, { type: 'application/pdf' }));
  const r = await gw.app.request('/v1/plans', { method: 'POST', body: form, headers: bearer(key) });
  expect(r.status).toBe(202);
  return ((await r.json()) as { id: string }).id;
}

async function settled(path: string, what: string): Promise<Record<string, unknown>> {
  return waitFor(
    async () => {
      const body = (await (await gw.app.request(path, { headers: bearer(gw.keys.acme) })).json()) as Record<
        string,
        unknown
      >;
      return body.status === 'completed' || body.status === 'failed' ? body : undefined;
    },
    { timeoutMs: 120_000, what },
  );
}

const compare = (body: unknown, key = gw.keys.acme, headers: Record<string, string> = {}) =>
  gw.app.request('/v1/comparisons', {
    method: 'POST',
    headers: bearer(key, { 'content-type': 'application/json', ...headers }),
    body: JSON.stringify(body),
  });

type Tally = { added: number; removed: number; moved: number };
type Comparison = {
  status: string;
  pages: { sheet: string | null; change: string }[];
  delta: { byType: Record<string, Tally> };
  symbols: unknown[];
  bom: { subtotalDelta: number; tpsDelta: number; tvqDelta: number; totalDelta: number };
};

describe('revision compare', () => {
  it('compares a plan with its revision (a sheet added) while both are analysing, in devices and dollars', async () => {
    const basePdf = new Uint8Array(readFileSync(join(repoRoot, 'fixtures/plans/sample-plan.pdf')));
    // The revision: the same sheet E-101 and a new sheet E-102 (a copy of it under another number).
    const spec = sampleSpec();
    const extra = (
      await generatePlan({ ...spec, sheets: spec.sheets.map((s) => ({ ...s, sheetNumber: 'E-102' })) })
    ).pdf;
    const revisedDoc = await PDFDocument.load(basePdf);
    const extraDoc = await PDFDocument.load(extra);
    for (const p of await revisedDoc.copyPages(extraDoc, [0])) revisedDoc.addPage(p);
    const basePlanId = await upload(basePdf, 'rev-1.pdf');
    const revisedPlanId = await upload(await revisedDoc.save(), 'rev-2.pdf');

    // Both are still analysing: accepted, the worker waits for them.
    const created = await compare({ basePlanId, revisedPlanId });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    expect(created.headers.get('location')).toBe(`/v1/comparisons/${id}`);

    const result = (await settled(`/v1/comparisons/${id}`, 'comparison settled')) as unknown as Comparison;
    expect(result.status).toBe('completed');
    // The answer is what the OpenAPI document declares.
    const shape = ComparisonView.safeParse(result);
    expect(shape.success, JSON.stringify(shape.error?.issues.slice(0, 3))).toBe(true);
    expect(result.pages.map((p) => [p.sheet, p.change])).toEqual([
      ['E-101', 'unchanged'],
      ['E-102', 'added'],
    ]);
    // Every device of the base sheet appears again, added, on E-102.
    const base = (await (
      await gw.app.request(`/v1/plans/${basePlanId}/analysis`, { headers: bearer(gw.keys.acme) })
    ).json()) as { counts: { byType: Record<string, number> } };
    const expected: Record<string, Tally> = {};
    for (const [type, n] of Object.entries(base.counts.byType))
      expected[type] = { added: n, removed: 0, moved: 0 };
    expect(result.delta.byType).toEqual(expected);

    // BOM delta = BOM(revised) − BOM(base), as the plans' own BOMs (same organisation prices) say it.
    await settled(`/v1/plans/${basePlanId}`, 'base plan done');
    await settled(`/v1/plans/${revisedPlanId}`, 'revised plan done');
    const bomOf = async (planId: string) =>
      (await (await gw.app.request(`/v1/plans/${planId}/bom`, { headers: bearer(gw.keys.acme) })).json()) as {
        subtotalCents: number;
        taxes: { tpsCents: number; tvqCents: number };
        totalCents: number;
      };
    const [bBom, rBom] = [await bomOf(basePlanId), await bomOf(revisedPlanId)];
    expect(result.bom.subtotalDelta).toBe(rBom.subtotalCents - bBom.subtotalCents);
    expect(result.bom.tpsDelta).toBe(rBom.taxes.tpsCents - bBom.taxes.tpsCents);
    expect(result.bom.tvqDelta).toBe(rBom.taxes.tvqCents - bBom.taxes.tvqCents);
    expect(result.bom.totalDelta).toBe(rBom.totalCents - bBom.totalCents);
    expect(result.bom.totalDelta).toBeGreaterThan(0);

    // The change order, as a workbook and as a PDF.
    const xlsx = await gw.app.request(`/v1/comparisons/${id}?format=xlsx`, { headers: bearer(gw.keys.acme) });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toContain('avenant-');
    const pdf = await gw.app.request(`/v1/comparisons/${id}?format=pdf`, {
      headers: bearer(gw.keys.acme, { 'accept-language': 'en' }),
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const doc = await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()));
    expect(doc.getTitle()).toMatch(/^Change order/);

    // Another organisation sees neither the comparison nor the plans.
    expect((await gw.app.request(`/v1/comparisons/${id}`, { headers: bearer(gw.keys.other) })).status).toBe(
      404,
    );
    const foreign = await compare({ basePlanId, revisedPlanId }, gw.keys.other);
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');
  }, 240_000);

  it('answers 409 naming the plan whose analysis failed', async () => {
    const basePlanId = await upload(
      new Uint8Array(readFileSync(join(repoRoot, 'fixtures/plans/truncated-plan.pdf'))),
      'truncated.pdf',
    );
    const failed = await settled(`/v1/plans/${basePlanId}`, 'truncated plan failed');
    expect(failed.status).toBe('failed');
    const revisedPlanId = await upload(
      new Uint8Array(readFileSync(join(repoRoot, 'fixtures/plans/sample-plan.pdf'))),
      'ok.pdf',
    );
    const fr = await compare({ basePlanId, revisedPlanId });
    expect(fr.status).toBe(409);
    const problem = (await fr.json()) as { code: string; detail: string; errors: { path: string }[] };
    expect(problem.code).toBe('conflict');
    expect(problem.detail).toContain(`plan de base ${basePlanId}`);
    expect(problem.errors.map((e) => e.path)).toEqual(['basePlanId']);
    const en = await compare({ basePlanId: revisedPlanId, revisedPlanId: basePlanId }, gw.keys.acme, {
      'accept-language': 'en',
    });
    expect(en.status).toBe(409);
    expect(((await en.json()) as { detail: string }).detail).toContain(`revised plan ${basePlanId} failed`);
    // Both routes are in the OpenAPI document, with their problem answers.
    const doc = (await (await gw.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(doc.paths['/v1/comparisons']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['202', '400', '404', '409']),
    );
    expect(doc.paths['/v1/comparisons/{id}']?.get?.responses['200']).toBeDefined();
    // Malformed input is a 400 naming the field.
    const bad = await compare({ basePlanId: 'nope', revisedPlanId });
    expect(bad.status).toBe(400);
  }, 240_000);
});
