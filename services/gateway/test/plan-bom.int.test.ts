import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAssemblies, formatCad } from '@saeq/bom';
import { ENABLE_PDF_TEXT_TESTS, hasPdfToText, isCi, pdfPagesText } from '@saeq/bom/testing/pdf-text';
import { repoRoot, waitFor } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// Issue 6 acceptance: the plan pipeline produces a BOM from the analysis of a generated plan whose
// device quantities equal the plan's ground-truth counts through the assemblies.

let gw: TestGateway;
let workers: RunningWorkers | undefined;
beforeAll(async () => {
  // No rate limits: polling the plan every 100 ms spends the key's general limit (100 per
  // 15 min) in ~10 s, after which a plan a loaded machine takes longer to finish is only 429s.
  gw = await startTestGateway({ RATE_LIMITS_ENABLED: 'false' });
  workers = await startWorkers(gw, ['worker-pdf', 'worker-bom']);
}, 60_000);
afterAll(async () => {
  await workers?.stop();
  await gw?.close();
});

type Line = { sku: string; installedQuantity: number; source: string };

describe('plan → BOM', () => {
  it('prices the sample plan with device quantities equal to its ground truth through the assemblies', async () => {
    const pdf = readFileSync(join(repoRoot, 'fixtures/plans/sample-plan.pdf'));
    const truth = JSON.parse(
      readFileSync(join(repoRoot, 'fixtures/plans/sample-plan.truth.json'), 'utf8'),
    ) as {
      counts: { byType: Record<string, number> };
    };
    const form = new FormData();
    form.set('file', new File([pdf], 'sample-plan.pdf', { type: 'application/pdf' }));
    const { id } = (await (
      await gw.app.request('/v1/plans', { method: 'POST', body: form, headers: bearer(gw.keys.acme) })
    ).json()) as { id: string };
    await waitFor(
      async () => {
        const p = (await (
          await gw.app.request(`/v1/plans/${id}`, { headers: bearer(gw.keys.acme) })
        ).json()) as { status: string };
        return p.status === 'completed' || p.status === 'failed' ? p : undefined;
      },
      { timeoutMs: 60_000, what: 'plan done' },
    );
    const analysis = (await (
      await gw.app.request(`/v1/plans/${id}/analysis`, { headers: bearer(gw.keys.acme) })
    ).json()) as {
      counts: { byType: Record<string, number> };
    };
    expect(analysis.counts.byType).toEqual(truth.counts.byType);

    const bom = (await (
      await gw.app.request(`/v1/plans/${id}/bom`, { headers: bearer(gw.keys.acme) })
    ).json()) as {
      devices: Record<string, number>;
      lines: Line[];
    };
    expect(bom.devices).toEqual(truth.counts.byType);
    // Each component SKU's installed quantity = Σ over device types of count × quantity per device.
    const expected = new Map<string, number>();
    for (const [type, count] of Object.entries(truth.counts.byType)) {
      const assembly = defaultAssemblies.devices[type];
      if (!assembly) continue;
      for (const c of assembly.components)
        expected.set(c.sku, (expected.get(c.sku) ?? 0) + count * c.quantity);
    }
    const installed = new Map<string, number>();
    for (const l of bom.lines.filter((x) => x.source === 'plan'))
      installed.set(l.sku, (installed.get(l.sku) ?? 0) + l.installedQuantity);
    expect(Object.fromEntries(installed)).toEqual(Object.fromEntries(expected));

    // Issue 19: the same BOM as the estimate PDF, with the plan in its header and the JSON's total.
    const estimate = await gw.app.request(`/v1/plans/${id}/bom?format=pdf`, {
      headers: bearer(gw.keys.acme),
    });
    expect(estimate.status).toBe(200);
    expect(estimate.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await estimate.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    if (hasPdfToText()) {
      const text = pdfPagesText(bytes).join('\n').replace(/\s+/g, ' ');
      expect(text).toContain('Soumission');
      expect(text).toContain('sample-plan.pdf');
      const totalCents = (bom as unknown as { totalCents: number }).totalCents;
      expect(text).toContain(
        `Total ${formatCad(totalCents as Parameters<typeof formatCad>[0], 'fr').replace(/\u00a0/g, ' ')}`,
      );
    } else if (isCi(process.env)) throw new Error(`pdftotext missing under CI: ${ENABLE_PDF_TEXT_TESTS}`);

    // Issue 4: with counts in the analysis, the compliance stage produces findings citing rules.
    const compliance = (await (
      await gw.app.request(`/v1/plans/${id}/compliance`, { headers: bearer(gw.keys.acme) })
    ).json()) as {
      findings: { ruleRef: string; severity: string; message: string }[];
      summary: { rulesRun: number };
    };
    expect(compliance.summary.rulesRun).toBeGreaterThan(3);
    expect(compliance.findings.length).toBeGreaterThan(0);
    // Findings cite a rule (a project-level note such as "occupancy not given" may carry none).
    expect(compliance.findings.filter((f) => /\d+-\d+/.test(f.ruleRef)).length).toBeGreaterThan(0);
    for (const f of compliance.findings) expect(f.message.length).toBeGreaterThan(10);
  }, 120_000);
});
