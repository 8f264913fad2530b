import { createApiKey } from '@saeq/shared/auth';
import { waitFor } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// Catalogue import (gateway) and item-list BOMs priced by a real worker-bom process.

let gw: TestGateway;
let workers: RunningWorkers | undefined;

beforeAll(async () => {
  gw = await startTestGateway();
  workers = await startWorkers(gw, ['worker-bom']);
}, 60_000);
afterAll(async () => {
  await workers?.stop();
  await gw?.close();
});

const csvHeader = 'No d’article;Désignation;Catégorie;Unité;Prix unitaire;Escompte;Heures';

function postCsv(
  key: string,
  body: Uint8Array<ArrayBuffer> | string,
  query = '',
  headers: Record<string, string> = {},
) {
  return gw.app.request(`/v1/catalogs${query}`, {
    method: 'POST',
    headers: bearer(key, { 'content-type': 'text/csv', ...headers }),
    body,
  });
}

async function waitBom(id: string, key = gw.keys.acme) {
  return waitFor(
    async () => {
      const r = (await (await gw.app.request(`/v1/boms/${id}`, { headers: bearer(key) })).json()) as Record<
        string,
        unknown
      >;
      return r.status === 'completed' || r.status === 'failed' ? r : undefined;
    },
    { timeoutMs: 20_000, what: 'bom finished' },
  );
}

describe('catalogues', () => {
  it('lets only an admin replace, choose or clear the default catalogue, and delete one', async () => {
    const db = gw.db.handle.db;
    const writer = (await createApiKey(db, { org: 'tarifs', scopes: ['plans:write', 'plans:read'] })).key;
    const admin = (await createApiKey(db, { org: 'tarifs', scopes: ['admin'] })).key;
    const csv = (sku: string) => [csvHeader, `${sku};Prise;dispositifs;ch;3,29;0;0,25`].join('\r\n');
    type Summary = { id: string; isDefault: boolean };
    const catalogues = async () =>
      (await (await gw.app.request('/v1/catalogs', { headers: bearer(admin) })).json()) as {
        items: Summary[];
        builtIn: { inUse: boolean };
      };
    const isDefault = async (id: string) => (await catalogues()).items.find((c) => c.id === id)?.isDefault;

    // The first catalogue becomes the default: nothing is replaced, plans:write is enough.
    const first = (await (await postCsv(writer, csv('A-1'), '?name=Premier')).json()) as Summary;
    expect(first.isDefault).toBe(true);
    // Replacing it is an admin's decision; nothing is imported.
    const refused = await postCsv(writer, csv('B-1'), '?name=Second&default=true');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('forbidden');
    expect((await catalogues()).items).toHaveLength(1);
    const second = (await (await postCsv(writer, csv('B-1'), '?name=Second')).json()) as Summary;
    expect(second.isDefault).toBe(false);
    expect(
      (await gw.app.request(`/v1/catalogs/${second.id}/default`, { method: 'PUT', headers: bearer(writer) }))
        .status,
    ).toBe(403);
    expect(await isDefault(first.id)).toBe(true);

    const chosen = await gw.app.request(`/v1/catalogs/${second.id}/default`, {
      method: 'PUT',
      headers: bearer(admin),
    });
    expect(chosen.status).toBe(200);
    expect(((await chosen.json()) as Summary).isDefault).toBe(true);
    expect(await isDefault(first.id)).toBe(false);
    const third = (await (
      await postCsv(admin, csv('C-1'), '?name=Troisieme&default=true')
    ).json()) as Summary;
    expect(third.isDefault).toBe(true);
    expect(await isDefault(second.id)).toBe(false);

    const cleared = await gw.app.request(`/v1/catalogs/${third.id}/default`, {
      method: 'DELETE',
      headers: bearer(admin),
    });
    expect(cleared.status).toBe(200);
    expect((await catalogues()).builtIn.inUse).toBe(true);

    // Another organisation's admin cannot touch them: 404 as for an unknown id.
    for (const [method, path] of [
      ['DELETE', `/v1/catalogs/${first.id}`],
      ['PUT', `/v1/catalogs/${first.id}/default`],
      ['DELETE', `/v1/catalogs/${first.id}/default`],
    ] as const) {
      expect((await gw.app.request(path, { method, headers: bearer(gw.keys.other) })).status, path).toBe(404);
    }
    expect(
      (await gw.app.request(`/v1/catalogs/${first.id}`, { method: 'DELETE', headers: bearer(writer) }))
        .status,
    ).toBe(403);
    expect(
      (await gw.app.request(`/v1/catalogs/${first.id}`, { method: 'DELETE', headers: bearer(admin) })).status,
    ).toBe(204);
    expect((await gw.app.request(`/v1/catalogs/${first.id}`, { headers: bearer(admin) })).status).toBe(404);
    expect((await catalogues()).items.map((c) => c.id).sort()).toEqual([second.id, third.id].sort());
  });

  it('imports a French semicolon file with decimal commas and makes the first one the default', async () => {
    const csv = [
      csvHeader,
      'REC-15;Prise duplex 15 A inviolable;dispositifs;ch;3,29;10;0,25',
      'NMD-14-2;Câble NMD90 14/2;câble;m;1,25;0;0,02',
    ].join('\r\n');
    const res = await postCsv(gw.keys.acme, csv, '?name=Fournisseur%20A');
    expect(res.status).toBe(201);
    const created = (await res.json()) as {
      id: string;
      itemCount: number;
      isDefault: boolean;
      separator: string;
    };
    expect(created).toMatchObject({ itemCount: 2, isDefault: true, separator: ';' });
    const list = (await (await gw.app.request('/v1/catalogs', { headers: bearer(gw.keys.acme) })).json()) as {
      items: { id: string }[];
      builtIn: { inUse: boolean; indicative: boolean };
    };
    expect(list.items.map((c) => c.id)).toEqual([created.id]);
    expect(list.builtIn).toMatchObject({ inUse: false, indicative: true });
    const one = (await (
      await gw.app.request(`/v1/catalogs/${created.id}`, { headers: bearer(gw.keys.acme) })
    ).json()) as {
      items: { sku: string; unitPriceCents: number }[];
    };
    expect(one.items.map((i) => [i.sku, i.unitPriceCents])).toEqual([
      ['REC-15', 329],
      ['NMD-14-2', 125],
    ]);
    expect(
      (await gw.app.request(`/v1/catalogs/${created.id}`, { headers: bearer(gw.keys.other) })).status,
    ).toBe(404);
  });

  it('reads Windows-1252 accents', async () => {
    const text = `${csvHeader}\r\nPLQ-1;Plaque décorative;plaques;ch;1,10;0;0,05\r\n`;
    const bytes = Uint8Array.from(
      [...text].map((ch) => (ch === 'é' ? 0xe9 : ch === '’' ? 0x92 : ch.charCodeAt(0))),
    );
    const res = await postCsv(gw.keys.other, bytes, '?name=cp1252');
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const one = (await (
      await gw.app.request(`/v1/catalogs/${id}`, { headers: bearer(gw.keys.other) })
    ).json()) as {
      items: { description: { fr: string } }[];
    };
    expect(one.items[0]?.description.fr).toBe('Plaque décorative');
  });

  it('refuses a file with bad rows, naming line and column, and imports nothing', async () => {
    const before = (
      (await (await gw.app.request('/v1/catalogs', { headers: bearer(gw.keys.acme) })).json()) as {
        items: unknown[];
      }
    ).items.length;
    const csv = [
      csvHeader,
      'OK-1;Bon article;câble;m;1,00;0;0',
      'BAD-1;Prix manquant;câble;m;;0;0',
      'BAD-2;Prix négatif;câble;m;-3;0;0',
    ].join('\n');
    const res = await postCsv(gw.keys.acme, csv, '', { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; errors: { path: string; message: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.path)).toEqual(['line 3, Prix unitaire', 'line 4, Prix unitaire']);
    const after = (
      (await (await gw.app.request('/v1/catalogs', { headers: bearer(gw.keys.acme) })).json()) as {
        items: unknown[];
      }
    ).items.length;
    expect(after).toBe(before);
  });
});

describe('item-list BOMs', () => {
  it('prices an item list with the default catalogue, taxes included, and exports CSV and XLSX', async () => {
    const res = await gw.app.request('/v1/boms', {
      method: 'POST',
      headers: bearer(gw.keys.other, { 'content-type': 'application/json' }),
      body: JSON.stringify({
        items: [
          { type: 'receptacle', quantity: 10 },
          { type: 'switch', quantity: 4 },
        ],
        labourRate: 100,
      }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const bom = (await waitBom(id, gw.keys.other)) as {
      status: string;
      currency: string;
      lines: { total: number }[];
      subtotal: number;
      taxes: { tps: number; tvq: number };
      total: number;
      assumptions: string[];
    };
    expect(bom.status).toBe('completed');
    expect(bom.currency).toBe('CAD');
    expect(bom.lines.length).toBeGreaterThan(2);
    const cents = (x: number) => Math.round(x * 100);
    expect(cents(bom.subtotal)).toBe(bom.lines.reduce((s, l) => s + cents(l.total), 0));
    // TPS 5 % and TVQ 9.975 % on the same subtotal, each rounded to the cent.
    expect(cents(bom.taxes.tps)).toBe(Math.round(cents(bom.subtotal) * 0.05));
    expect(cents(bom.taxes.tvq)).toBe(Math.round(cents(bom.subtotal) * 0.09975));
    expect(cents(bom.total)).toBe(cents(bom.subtotal) + cents(bom.taxes.tps) + cents(bom.taxes.tvq));
    expect(bom.assumptions.join(' ')).toMatch(/indicati/i);

    const csv = await gw.app.request(`/v1/boms/${id}?format=csv`, { headers: bearer(gw.keys.other) });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
    expect(new TextDecoder().decode(csvBytes)).toContain(';');
    const xlsx = await gw.app.request(`/v1/boms/${id}?format=xlsx`, { headers: bearer(gw.keys.other) });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toMatch(/attachment; filename="bom-.*\.xlsx"/);
    const zip = new Uint8Array(await xlsx.arrayBuffer());
    expect([...zip.slice(0, 2)]).toEqual([0x50, 0x4b]); // PK: a zip container
    expect((await gw.app.request(`/v1/boms/${id}`, { headers: bearer(gw.keys.acme) })).status).toBe(404);
  });

  it("uses the organisation's imported catalogue prices", async () => {
    const res = await gw.app.request('/v1/boms', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ items: [{ sku: 'REC-15', quantity: 10 }], labourRate: 0 }),
    });
    const { id } = (await res.json()) as { id: string };
    const bom = (await waitBom(id)) as {
      status: string;
      lines: { sku: string; unitPrice: number; orderQuantity?: number; total: number }[];
    };
    expect(bom.status).toBe('completed');
    const line = bom.lines.find((l) => l.sku === 'REC-15');
    // 3,29 $ less 10 % = 2,961 → 2,96 $ (half up per line), × 10 = 29,60 $
    expect(line?.unitPrice).toBe(2.96);
    expect(line?.total).toBe(29.6);
  });

  it('validates the request and 404s a foreign catalogue', async () => {
    const bad = await gw.app.request('/v1/boms', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ items: [], labourRate: -1 }),
    });
    expect(bad.status).toBe(400);
    const foreign = (await (
      await gw.app.request('/v1/catalogs', { headers: bearer(gw.keys.other) })
    ).json()) as { items: { id: string }[] };
    const res = await gw.app.request('/v1/boms', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ items: [{ type: 'receptacle', quantity: 1 }], catalogId: foreign.items[0]?.id }),
    });
    expect(res.status).toBe(404);
  });
});
