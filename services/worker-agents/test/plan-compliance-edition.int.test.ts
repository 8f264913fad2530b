import { ensureOrganisation } from '@saeq/shared/auth';
import { createTestDatabase, type TestDatabase } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../src/tools/registry.ts';
import type { ToolContext } from '../src/tools/tool.ts';
import { seedPlan } from './harness.ts';

// plan_compliance per edition on the real Postgres: the plan's own edition is its stored check;
// another edition runs that edition's rules on the stored analysis (what the directive tracker's
// prompt asks the model to compare).

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('plan_compliance edition', () => {
  it("answers the stored check for the plan's edition and runs the other edition's rules on demand", async () => {
    const db = database.handle.db;
    const organisationId = await ensureOrganisation(db, 'acme');
    const planId = await seedPlan(db, organisationId, { compliance: true });
    const ctx: ToolContext = {
      db,
      organisationId,
      planId,
      lang: 'fr',
      edition: '2026',
      defaultLabourRateCents: 9500,
    };
    const stored = (await runTool('plan_compliance', {}, ctx, ['plan_compliance'])) as {
      output: { edition: string };
      isError: boolean;
    };
    const older = (await runTool('plan_compliance', { edition: '2018' }, ctx, ['plan_compliance'])) as {
      output: { edition: string; findings: { ruleRef: string }[] };
      isError: boolean;
    };
    expect(stored.isError).toBe(false);
    expect(older.isError).toBe(false);
    expect(stored.output.edition).toBe('2026');
    expect(older.output.edition).toBe('2018');
    const invalid = (await runTool('plan_compliance', { edition: '2015' }, ctx, ['plan_compliance'])) as {
      isError: boolean;
    };
    expect(invalid.isError).toBe(true);
  });
});
