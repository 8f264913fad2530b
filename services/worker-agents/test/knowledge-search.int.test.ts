import { searchKnowledgeBase } from '@saeq/knowledge/store';
import { ensureOrganisation } from '@saeq/shared/auth';
import { createTestDatabase, type TestDatabase } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../src/tools/registry.ts';
import type { ToolContext } from '../src/tools/tool.ts';

// knowledge_search on the real Postgres: the same search as GET /v1/knowledge/search, limited to
// the run's edition by default, in the run's language.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

type Output = {
  results: { id: string; reference: string; title: string; edition: string | null }[];
  note: string;
};

describe('knowledge_search tool', () => {
  it('returns the REST search’s entries with the reference to cite, for the run’s edition', async () => {
    const db = database.handle.db;
    const organisationId = await ensureOrganisation(db, 'acme');
    const ctx: ToolContext = {
      db,
      organisationId,
      planId: null,
      lang: 'en',
      edition: '2018',
      defaultLabourRateCents: 9500,
    };
    const run = await runTool('knowledge_search', { query: 'disjoncteur anti-arcs' }, ctx, [
      'knowledge_search',
    ]);
    expect(run.isError).toBe(false);
    expect(run.input).toMatchObject({ edition: '2018' });
    const output = run.output as Output;
    const direct = await searchKnowledgeBase(db, {
      q: 'disjoncteur anti-arcs',
      edition: '2018',
      limit: 5,
      lang: 'en',
    });
    expect(output.results.map((r) => r.id)).toEqual(direct.map((h) => h.id));
    expect(output.results.map((r) => r.id)).toContain('rule-afci-receptacle-circuits-2018');
    expect(output.results.every((r) => r.edition === null || r.edition === '2018')).toBe(true);
    // English titles for an English run, found from French words.
    expect(output.results.find((r) => r.id === 'rule-afci-receptacle-circuits-2018')?.title).toBe(
      'Arc-fault protection of dwelling receptacle circuits',
    );
    expect(output.note).toMatch(/reference/);
  });

  it('reports bad input to the model instead of throwing', async () => {
    const db = database.handle.db;
    const organisationId = await ensureOrganisation(db, 'acme');
    const ctx: ToolContext = {
      db,
      organisationId,
      planId: null,
      lang: 'fr',
      edition: '2026',
      defaultLabourRateCents: 9500,
    };
    const empty = await runTool('knowledge_search', { query: '  ' }, ctx, ['knowledge_search']);
    expect(empty.isError).toBe(true);
    const unknownSource = await runTool('knowledge_search', { query: 'x', source: 'nfpa' }, ctx, [
      'knowledge_search',
    ]);
    expect(unknownSource.isError).toBe(true);
  });
});
