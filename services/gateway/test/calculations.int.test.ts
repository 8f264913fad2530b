import { calculations, dwellingLoad } from '@saeq/electrical-code';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

function post(kind: string, body: unknown, headers: Record<string, string> = {}) {
  return gw.app.request(`/v1/calculations/${kind}`, {
    method: 'POST',
    headers: bearer(gw.keys.acme, { 'content-type': 'application/json', ...headers }),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /v1/calculations/{kind}', () => {
  it('computes a dwelling load equal to the pure function, with steps, rule refs and the edition', async () => {
    const input = { livingAreaM2: 150, rangeW: 12_000, spaceHeatingW: 15_000 };
    const res = await post('dwelling-load', input);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual(
      JSON.parse(
        JSON.stringify(dwellingLoad(calculations['dwelling-load'].input.parse(input), { lang: 'fr' })),
      ),
    );
    expect(body.edition).toBe('2026');
    expect((body.ruleRefs as string[]).length).toBeGreaterThan(0);
    expect((body.steps as unknown[]).length).toBeGreaterThan(0);
    expect(body.currentA).toBeGreaterThan(0);
  });

  it('answers every kind for a valid input', async () => {
    const samples: Record<string, unknown> = {
      'dwelling-load': { livingAreaM2: 90, edition: '2018' },
      'apartment-load': { units: [{ livingAreaM2: 70 }, { livingAreaM2: 80 }] },
      'conductor-size': {
        currentA: 40,
        material: 'copper',
        insulationRatingC: 90,
        terminationRatingC: 75,
        installation: 'raceway-or-cable',
      },
      'voltage-drop': {
        material: 'copper',
        size: '12 AWG',
        lengthM: 30,
        currentA: 16,
        voltage: 120,
        phases: 1,
      },
      'box-fill': { boxVolumeML: 350, conductors: [{ size: '14 AWG', count: 6 }], devices: 1 },
    };
    for (const [kind, body] of Object.entries(samples)) {
      const res = await post(kind, body, { 'accept-language': 'en' });
      expect(res.status, kind).toBe(200);
      const json = (await res.json()) as { steps: { label: string }[] };
      expect(json.steps.length, kind).toBeGreaterThan(0);
    }
  });

  it('rejects bad input with one error per field', async () => {
    const res = await post('dwelling-load', { livingAreaM2: -5, rangeW: 'big', unknownField: 1 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(body.code).toBe('validation_failed');
    const paths = body.errors.map((e) => e.path);
    expect(paths).toContain('livingAreaM2');
    expect(paths).toContain('rangeW');
    expect(new Set(paths).size).toBe(paths.length);

    const missing = (await (await post('conductor-size', {})).json()) as { errors: { path: string }[] };
    expect(missing.errors.map((e) => e.path).sort()).toEqual([
      'currentA',
      'installation',
      'insulationRatingC',
      'material',
    ]);
    const size = (await (
      await post('voltage-drop', {
        material: 'copper',
        size: '13 AWG',
        lengthM: 10,
        currentA: 10,
        voltage: 120,
        phases: 1,
      })
    ).json()) as {
      errors: { path: string }[];
    };
    expect(size.errors.map((e) => e.path)).toEqual(['size']);
  });

  it('answers 422 when the code has no answer, 404 for an unknown kind, 400 for broken JSON, 403 without the scope', async () => {
    const tooBig = await post('conductor-size', {
      currentA: 5000,
      material: 'copper',
      insulationRatingC: 75,
      installation: 'raceway-or-cable',
    });
    expect(tooBig.status).toBe(422);
    expect(((await tooBig.json()) as { code: string }).code).toBe('calculation_error');
    expect((await post('ohms-law', {})).status).toBe(404);
    expect((await post('box-fill', '{"boxVolumeML":')).status).toBe(400);
    const forbidden = await gw.app.request('/v1/calculations/box-fill', {
      method: 'POST',
      headers: bearer(gw.keys.acmeReadOnly, { 'content-type': 'application/json' }),
      body: '{}',
    });
    expect(forbidden.status).toBe(403);
  });
});

describe('POST /v1/calculations — issue 17 (service size, new inputs)', () => {
  it('returns serviceSizeA, serviceConductor and minimumOvercurrentA, with serviceRatingA kept', async () => {
    // 150 m², range 12 kW, heating 15 kW: 6000 + 6000 + 13 750 = 25 750 W → 107,29 A → 110 A, 125 A service.
    const res = await post('dwelling-load', { livingAreaM2: 150, rangeW: 12_000, spaceHeatingW: 15_000 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      minimumOvercurrentA: 110,
      serviceRatingA: 110,
      serviceSizeA: 125,
      serviceConductor: { copper: '2 AWG', aluminum: '1/0 AWG', table: '39' },
    });
    const building = await post('apartment-load', {
      units: [{ livingAreaM2: 60, spaceHeatingW: 6000, waterHeaters: [{ watts: 3000, kind: 'storage' }] }],
      serviceVoltage: '120/208',
      nonDwellingLoadsW: [4000],
    });
    expect(building.status).toBe(200);
    expect(await building.json()).toMatchObject({
      serviceVoltage: '120/208',
      serviceSizeA: expect.any(Number),
      serviceConductor: { table: '2/4' },
    });
  });

  it('documents the new inputs and marks serviceRatingA deprecated in OpenAPI', async () => {
    const doc = JSON.stringify(await (await gw.app.request('/openapi.json')).json());
    for (const name of [
      'heatingSystem',
      'evemsMonitorsService',
      'serviceVoltage',
      'heatingDemandScope',
      'nonDwellingLoadsW',
      'conservative',
      'serviceSizeA',
      'serviceConductor',
      'minimumOvercurrentA',
    ]) {
      expect(doc, name).toContain(`"${name}"`);
    }
    expect(doc).toMatch(/"serviceRatingA":\{[^}]*"deprecated":true/);
  });

  it('answers a bad new input with a field error in the request language', async () => {
    const bad = { livingAreaM2: 100, heatingSystem: 'gas' };
    const en = (await (await post('dwelling-load', bad, { 'accept-language': 'en' })).json()) as {
      errors: { path: string; message: string }[];
    };
    const fr = (await (await post('dwelling-load', bad)).json()) as {
      errors: { path: string; message: string }[];
    };
    expect(en.errors.map((e) => e.path)).toEqual(['heatingSystem']);
    expect(en.errors[0]?.message).toMatch(/expected one of/i);
    expect(fr.errors[0]?.message).not.toBe(en.errors[0]?.message);
    const voltage = (await (
      await post(
        'apartment-load',
        { units: [{ livingAreaM2: 50 }], serviceVoltage: '600' },
        { 'accept-language': 'en' },
      )
    ).json()) as { errors: { path: string }[] };
    expect(voltage.errors.map((e) => e.path)).toEqual(['serviceVoltage']);
  });
});

describe('GET /v1/rules', () => {
  it('lists the compliance rules of an edition with their references, in French or English', async () => {
    const fr = (await (
      await gw.app.request('/v1/rules?edition=2018', { headers: bearer(gw.keys.acme) })
    ).json()) as {
      edition: string;
      rules: { id: string; ruleRef: string; title: string }[];
    };
    expect(fr.edition).toBe('2018');
    expect(fr.rules.length).toBeGreaterThanOrEqual(7);
    for (const rule of fr.rules) expect(rule.ruleRef).toMatch(/^\d+-\d+/);
    const en = (await (
      await gw.app.request('/v1/rules', { headers: bearer(gw.keys.acme, { 'accept-language': 'en' }) })
    ).json()) as { edition: string; rules: { id: string; title: string }[] };
    expect(en.edition).toBe('2026');
    expect(en.rules.find((r) => r.id === fr.rules[0]?.id)?.title).not.toBe(fr.rules[0]?.title);
    expect((await gw.app.request('/v1/rules?edition=1999', { headers: bearer(gw.keys.acme) })).status).toBe(
      400,
    );
  });
});
