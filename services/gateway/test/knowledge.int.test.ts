import { listRules } from '@saeq/electrical-code';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

type Hit = {
  id: string;
  source: string;
  reference: string;
  title: string;
  summary: string;
  score: number;
  url: string | null;
};

function get(path: string, headers: Record<string, string> = {}, key = gw.keys.acme) {
  return gw.app.request(path, { headers: bearer(key, headers) });
}

async function search(query: string, headers: Record<string, string> = {}): Promise<Hit[]> {
  const res = await get(`/v1/knowledge/search?${query}`, headers);
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Hit[] }).results;
}

describe('GET /v1/knowledge/search', () => {
  it('puts the rule a number names first, ranked by score, in French by default', async () => {
    const hits = await search(`q=${encodeURIComponent('8-200')}`);
    // Entries whose reference is exactly 8-200 (the written one and the catalogue's service rule)
    // come before those that only contain it (8-200 1)b)…).
    const exact = hits.filter((h) => h.reference === '8-200').map((h) => h.id);
    expect(hits.slice(0, exact.length).map((h) => h.id)).toEqual(exact);
    expect(exact).toContain('ceq-8-200');
    expect(hits.find((h) => h.id === 'ceq-8-200')?.title).toBe('Charge calculée d’une maison unifamiliale');
    expect(hits.slice(exact.length, exact.length + 2).every((h) => h.reference.startsWith('8-200 '))).toBe(
      true,
    );
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('finds French-written needs from an English query and answers in English', async () => {
    const hits = await search(`q=${encodeURIComponent('working near overhead power lines')}`, {
      'accept-language': 'en',
    });
    expect(hits[0]?.id).toBe('cstc-5-2-power-lines');
    expect(hits[0]?.title).toBe('Work near power lines');
    expect(hits[0]?.url).toMatch(/^https:\/\/www\.legisquebec\.gouv\.qc\.ca\//);
  });

  it('folds accents and survives a typo', async () => {
    const accentless = await search(`q=${encodeURIComponent('degagement compteur gaz')}`);
    expect(accentless.slice(0, 3).map((h) => h.id)).toContain('hq-gas-clearance');
    const typo = await search(`q=${encodeURIComponent('cadenasage')}`);
    expect(typo.slice(0, 5).map((h) => h.id)).toContain('rsst-188-lockout');
  });

  it('filters by source and edition and honours limit', async () => {
    const rsst = await search('q=cadenassage&source=rsst&limit=3');
    expect(rsst.length).toBeGreaterThan(0);
    expect(rsst.length).toBeLessThanOrEqual(3);
    expect(new Set(rsst.map((h) => h.source))).toEqual(new Set(['rsst']));

    const afci2018 = (await search(`q=${encodeURIComponent('anti-arcs')}&edition=2018&limit=50`)).map(
      (h) => h.id,
    );
    expect(afci2018).toContain('rule-afci-receptacle-circuits-2018');
    expect(afci2018).not.toContain('rule-afci-receptacle-circuits-2026');
    expect(afci2018).not.toContain('ceq-26-656-2026');
  });

  it('serves the compliance rule catalogue as entries (one source of truth)', async () => {
    for (const rule of listRules('2026')) {
      const res = await get(`/v1/knowledge/articles/rule-${rule.id}-2026`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        reference: string;
        title: { fr: string };
        relatedRuleIds: string[];
      };
      expect(body.reference).toBe(rule.ruleRef);
      expect(body.title.fr).toBe(rule.title);
      expect(body.relatedRuleIds).toEqual([rule.id]);
    }
  });

  it('answers bad input with problem+json 400 in the request language', async () => {
    for (const query of [
      'q=',
      'q=%20%20',
      '',
      'q=x&source=nfpa',
      'q=x&limit=0',
      'q=x&limit=abc',
      'q=x&edition=2015',
      'q=a%00b',
    ]) {
      const res = await get(`/v1/knowledge/search?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const fr = (await (await get('/v1/knowledge/search?q=x&source=nfpa')).json()) as {
      title: string;
      errors: { path: string }[];
    };
    const en = (await (
      await get('/v1/knowledge/search?q=x&source=nfpa', { 'accept-language': 'en' })
    ).json()) as {
      title: string;
    };
    expect(fr.errors.map((e) => e.path)).toContain('source');
    expect(fr.title).not.toBe(en.title);
  });

  it('requires the calc scope', async () => {
    const res = await get('/v1/knowledge/search?q=8-200', {}, gw.keys.acmeReadOnly);
    expect(res.status).toBe(403);
  });
});

describe('GET /v1/knowledge/articles/{id}', () => {
  it('returns an entry in both languages, and 404 for an unknown id', async () => {
    const res = await get('/v1/knowledge/articles/hq-meter-location');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      source: string;
      title: { fr: string; en: string };
      keywords: string[];
    };
    expect(body.source).toBe('hydro-quebec');
    expect(body.title).toEqual({ fr: 'Emplacement du compteur', en: 'Meter location' });
    expect(body.keywords).toContain('compteur');
    const missing = await get('/v1/knowledge/articles/no-such-entry', { 'accept-language': 'en' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { detail: string }).detail).toBe(
      'No knowledge base entry has this id.',
    );
    // Not a slug (here control characters, which Postgres refuses as text): a validation
    // problem, never a query that fails (the fuzz test once found a 500 here).
    const hostile = await get('/v1/knowledge/articles/%00%01%1F');
    expect(hostile.status).toBe(400);
    expect(hostile.headers.get('content-type')).toContain('application/problem+json');
  });
});
