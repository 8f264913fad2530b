import { defaultCatalog, estimateLabels, formatCad } from '@saeq/bom';
import { ENABLE_PDF_TEXT_TESTS, hasPdfToText, isCi, pdfPagesText } from '@saeq/bom/testing/pdf-text';
import { waitFor } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// Issue 19 part 3: GET /v1/boms/{id}?format=pdf serves the "Soumission" / "Estimate" of a BOM
// priced by a real worker-bom process; the text read back with pdftotext carries the JSON's
// totals to the cent. (The plan route's PDF is checked in plan-bom.int.test.ts.)

const pdfText = hasPdfToText();
if (!pdfText && !isCi(process.env)) {
  console.warn(`[estimate-pdf] SKIPPING: pdftotext missing (${ENABLE_PDF_TEXT_TESTS})`);
}

let gw: TestGateway;
let workers: RunningWorkers | undefined;
beforeAll(async () => {
  if (!pdfText && isCi(process.env)) throw new Error(`pdftotext missing under CI: ${ENABLE_PDF_TEXT_TESTS}`);
  gw = await startTestGateway({ RATE_LIMITS_ENABLED: 'false', ESTIMATE_VALIDITY_DAYS: '45' });
  workers = await startWorkers(gw, ['worker-bom'], { readyTimeoutMs: 90_000 });
}, 120_000);
afterAll(async () => {
  await workers?.stop();
  await gw?.close();
});

type BomJson = {
  status: string;
  lines: unknown[];
  materialsCents: number;
  labour: { totalCents: number };
  subtotalCents: number;
  taxes: { tpsCents: number; tvqCents: number };
  totalCents: number;
};

const squeezed = (pages: string[]) =>
  pages
    .join('\n')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim());
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe.skipIf(!pdfText)('estimate PDF of an item-list BOM', () => {
  it('serves a three-page French estimate by default and an English one with Accept-Language: en', async () => {
    const items = defaultCatalog.items
      .slice(0, 75)
      .map((item, i) => ({ sku: item.sku, quantity: 1 + (i % 5) }));
    const created = await gw.app.request('/v1/boms', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ items, labourRate: 91.37 }),
    });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };

    // Not ready yet or ready: either way no 500; once ready, the PDF.
    await waitFor(
      async () => {
        const r = (await (
          await gw.app.request(`/v1/boms/${id}`, { headers: bearer(gw.keys.acme) })
        ).json()) as BomJson;
        return r.status === 'completed' ? r : undefined;
      },
      { timeoutMs: 30_000, what: 'bom completed' },
    );

    for (const lang of ['fr', 'en'] as const) {
      const headers = bearer(gw.keys.acme, lang === 'en' ? { 'accept-language': 'en' } : {});
      const json = (await (await gw.app.request(`/v1/boms/${id}`, { headers })).json()) as BomJson;
      const res = await gw.app.request(`/v1/boms/${id}?format=pdf`, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toContain(lang === 'fr' ? 'soumission-' : 'estimate-');
      const pages = pdfPagesText(new Uint8Array(await res.arrayBuffer()));
      expect(pages).toHaveLength(3);
      for (const [i, page] of pages.entries())
        expect(page).toContain(estimateLabels.page[lang].replace('{n}', String(i + 1)).replace('{N}', '3'));
      const lines = squeezed(pages);
      expect(lines[0]).toContain(estimateLabels.title[lang]);
      expect(lines[0]).toContain('acme'); // the organisation's name (ensureOrganisation names it after its slug)
      const money = (cents: number) => plain(formatCad(cents as Parameters<typeof formatCad>[0], lang));
      const L = {
        fr: ['Matériel', 'Sous-total', 'TPS (5 %)', 'TVQ (9,975 %)', 'Total'],
        en: ['Materials', 'Subtotal', 'GST / TPS (5 %)', 'QST / TVQ (9.975 %)', 'Total'],
      }[lang];
      const cents = [
        json.materialsCents,
        json.subtotalCents,
        json.taxes.tpsCents,
        json.taxes.tvqCents,
        json.totalCents,
      ];
      for (const [i, label] of L.entries()) expect(lines).toContain(`${label} ${money(cents[i] ?? -1)}`);
      const labour = lines.find((l) => /^(Main-d’œuvre|Labour) \(/.test(l));
      expect(labour?.endsWith(` ${money(json.labour.totalCents)}`)).toBe(true);
      // Validity: issued today, ESTIMATE_VALIDITY_DAYS=45 later.
      const until = new Date(gw.deps.now().getTime() + 45 * 86_400_000).toISOString().slice(0, 10);
      expect(lines.some((l) => l.includes(until))).toBe(true);
    }
  });

  it('answers a bad format with a 400 problem in the request language, and another organisation with 404', async () => {
    const created = await gw.app.request('/v1/boms', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ items: [{ type: 'receptacle', quantity: 3 }] }),
    });
    const { id } = (await created.json()) as { id: string };
    const bad = await gw.app.request(`/v1/boms/${id}?format=docx`, {
      headers: bearer(gw.keys.acme, { 'accept-language': 'en' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const other = await gw.app.request(`/v1/boms/${id}?format=pdf`, { headers: bearer(gw.keys.other) });
    expect(other.status).toBe(404);
  });
});
