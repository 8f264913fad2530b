import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolveApiKey } from '@saeq/shared/auth';
import { createTestDatabase, repoRoot, type TestDatabase } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let db: TestDatabase;

async function saeq(args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'scripts/saeq.ts', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url },
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('saeq keys CLI', () => {
  it('creates a key that authenticates with its scopes, lists it, revokes it', async () => {
    const created = await saeq(['keys', 'create', '--org', 'acme', '--scopes', 'plans:write,agents:run']);
    const key = created.stdout.trim().split('\n').at(-1) ?? '';
    expect(key).toMatch(/^saeq_[A-Za-z0-9_-]{43}$/);
    const resolved = await resolveApiKey(db.handle.db, key);
    expect(resolved?.scopes).toEqual(['plans:write', 'agents:run']);

    const asJson = JSON.parse(
      (await saeq(['keys', 'create', '--org', 'acme', '--scopes', 'calc', '--json'])).stdout,
    ) as { id: string; key: string; org: string; scopes: string[] };
    expect(asJson).toMatchObject({ org: 'acme', scopes: ['calc'] });

    const listed = JSON.parse((await saeq(['keys', 'list', '--org', 'acme', '--json'])).stdout) as {
      id: string;
      prefix: string;
    }[];
    expect(listed).toHaveLength(2);
    expect(JSON.stringify(listed)).not.toContain(key); // only the prefix is ever shown again

    await saeq(['keys', 'revoke', asJson.id]);
    expect(await resolveApiKey(db.handle.db, asJson.key)).toBeNull();
    // Four CLI processes, each starting under tsx: ~4 s on a quiet machine, >30 s on a loaded one.
  }, 90_000);

  it('refuses unknown scopes with exit code 2', async () => {
    await expect(saeq(['keys', 'create', '--org', 'acme', '--scopes', 'root'])).rejects.toMatchObject({
      code: 2,
    });
  });
});
