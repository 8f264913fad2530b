import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  getFreePort,
  type ServiceName,
  startService,
  type TestDatabase,
} from '@saeq/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, embeddedDatabaseUrlFile, servedEmbeddedDatabase } from '../src/db/index.ts';

const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `saeq-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('a service started with NODE_ENV=production and no DATABASE_URL', () => {
  it.each<ServiceName>(['gateway', 'worker-pdf', 'worker-agents', 'worker-bom'])(
    '%s refuses to start, says why, and opens no embedded database',
    async (name) => {
      const dataDir = tempDir('prod-no-db');
      const service = startService(name, { NODE_ENV: 'production', DATA_DIR: dataDir, METRICS_PORT: '0' });
      const exit = await Promise.race([
        service.exited,
        new Promise((r) => setTimeout(() => r('still running'), 45_000)),
      ]);
      service.kill('SIGKILL');
      expect(exit).toBe(1);
      expect(service.output()).toMatch(/DATABASE_URL: required when NODE_ENV=production/);
      expect(existsSync(join(dataDir, 'pgdata'))).toBe(false);
    },
    60_000,
  );
});

describe('the embedded database of a DATA_DIR served by pnpm start', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('is joined through the published socket address instead of being opened a second time', async () => {
    const dataDir = tempDir('served-db');
    writeFileSync(embeddedDatabaseUrlFile(dataDir), `${db.url}\n`);
    const handle = await createDb({ dataDir });
    try {
      expect(handle.driver).toBe('pg');
      const result = (await handle.db.execute(sql`select current_database() as name`)) as {
        rows: { name: string }[];
      };
      expect(result.rows[0]?.name).toBe(db.name);
      expect(existsSync(join(dataDir, 'pgdata'))).toBe(false);
    } finally {
      await handle.close();
    }
  });

  it('is not joined when the published address no longer answers (pnpm start killed): createDb opens it', async () => {
    const dataDir = tempDir('stale-db');
    expect(await servedEmbeddedDatabase(dataDir)).toBeUndefined(); // nothing published
    const closedPort = await getFreePort();
    writeFileSync(embeddedDatabaseUrlFile(dataDir), `postgres://postgres@127.0.0.1:${closedPort}/postgres\n`);
    expect(await servedEmbeddedDatabase(dataDir)).toBeUndefined();
    writeFileSync(embeddedDatabaseUrlFile(dataDir), `${db.url}\n`);
    expect(await servedEmbeddedDatabase(dataDir)).toBe(db.url);
  });
});
