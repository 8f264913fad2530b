import { createTestDatabase, type TestDatabase } from '@saeq/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKey,
  ensureBootstrapKey,
  generateApiKey,
  hashApiKey,
  resolveApiKey,
} from '../src/auth/index.ts';
import { hasScope } from '../src/auth/scopes.ts';
import { apiKeys } from '../src/db/index.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('the bootstrap key of pnpm start', () => {
  it('is admin of its organisation and operator of the deployment, created once', async () => {
    const key = generateApiKey();
    await ensureBootstrapKey(db.handle.db, key);
    await ensureBootstrapKey(db.handle.db, key);
    const rows = await db.handle.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.hash, hashApiKey(key)));
    expect(rows).toHaveLength(1);
    expect((await resolveApiKey(db.handle.db, key))?.scopes).toEqual(['admin', 'operator']);
  });

  it('gains the operator scope when it was created before that scope existed', async () => {
    const key = generateApiKey();
    await createApiKey(db.handle.db, { org: 'default', scopes: ['admin'], name: 'bootstrap', key });
    await ensureBootstrapKey(db.handle.db, key);
    expect((await resolveApiKey(db.handle.db, key))?.scopes).toEqual(['admin', 'operator']);
  });
});

describe('hasScope', () => {
  it("lets admin imply every organisation scope but never the platform's operator scope", () => {
    for (const scope of ['plans:read', 'plans:write', 'agents:run', 'calc', 'admin'] as const) {
      expect(hasScope(['admin'], scope)).toBe(true);
    }
    expect(hasScope(['admin'], 'operator')).toBe(false);
    expect(hasScope(['operator'], 'operator')).toBe(true);
    expect(hasScope(['operator'], 'plans:read')).toBe(false);
  });
});
