import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { organisations, plans } from '@saeq/shared/db';
import { FileBlobStore } from '@saeq/shared/storage';
import { createTestDatabase, repoRoot, type TestDatabase } from '@saeq/testing';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A real round trip with scripts/backup.sh and scripts/restore.sh against the local Postgres
 * (pg_dump / pg_restore 15): rows, schema and migration journal come back, plan files too.
 */
const run = promisify(execFile);
let db: TestDatabase;
let work: string;
let client: pg.Client;

const script = (name: string, args: string[], env: Record<string, string> = {}) =>
  run('bash', [join(repoRoot, 'scripts', name), ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: work, ...env },
  });

beforeAll(async () => {
  db = await createTestDatabase();
  work = mkdtempSync(join(tmpdir(), 'saeq-backup-'));
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end().catch(() => {});
  await db?.drop();
  rmSync(work, { recursive: true, force: true });
});

const count = async (sql: string) => Number((await client.query(sql)).rows[0]?.n);

describe('scripts/backup.sh → scripts/restore.sh', () => {
  it('restores rows, schema, migration journal and plan files as they were at backup time', async () => {
    const dataDir = join(work, 'data');
    const store = new FileBlobStore(dataDir);
    const blob = await store.put(new TextEncoder().encode('%PDF-1.7 plan de la maison témoin'));
    // Databases that are not files to copy live: never archived.
    mkdirSync(join(dataDir, 'pgdata'), { recursive: true });
    writeFileSync(join(dataDir, 'pgdata', 'PG_VERSION'), '17');

    const [org] = await db.handle.db
      .insert(organisations)
      .values({ slug: 'acme', name: 'Acme Électrique' })
      .returning();
    if (!org) throw new Error('organisation not inserted');
    await db.handle.db.insert(plans).values(
      ['Maison témoin', 'Duplex Laval', 'Garage'].map((name, i) => ({
        organisationId: org.id,
        name,
        filename: `plan-${i}.pdf`,
        sizeBytes: blob.sizeBytes,
        sha256: blob.sha256,
        edition: '2026',
      })),
    );
    const migrations = await count('select count(*)::int as n from drizzle.__drizzle_migrations');
    expect(migrations).toBeGreaterThan(0);

    const out = join(work, 'backups');
    const backup = await script('backup.sh', ['--out', out, '--data-dir', dataDir, '--keep', '2'], {
      DATABASE_URL: db.url,
    });
    const dir = backup.stdout.trim().split('\n').at(-1) ?? '';
    expect(dir).toMatch(/\/saeq-\d{8}T\d{6}Z$/);
    expect(readdirSync(dir).sort()).toEqual(['SHA256SUMS', 'db.dump', 'files.tar.gz', 'manifest.txt']);
    const manifest = readFileSync(join(dir, 'manifest.txt'), 'utf8');
    expect(manifest).toContain(`database: ${db.url}`);
    expect(manifest).toMatch(/pg_dump: pg_dump \(PostgreSQL\) 1[5-9]/);
    const listing = (await run('tar', ['-tzf', join(dir, 'files.tar.gz')])).stdout;
    expect(listing).toContain(`blobs/${blob.sha256.slice(0, 2)}/${blob.sha256.slice(2, 4)}/${blob.sha256}`);
    expect(listing).not.toContain('pgdata');

    // Everything goes wrong after the backup: rows deleted and changed, a table dropped, a table
    // added (as a later migration would), a migration forgotten, the plan file lost.
    await client.query(`delete from plans where name = 'Garage'`);
    await client.query(`update organisations set name = 'Renamed'`);
    await client.query('drop table api_keys cascade');
    await client.query('create table added_after_backup (id int)');
    await client.query('delete from drizzle.__drizzle_migrations');
    rmSync(join(dataDir, 'blobs'), { recursive: true });

    // Without a terminal and without --yes, nothing happens.
    await expect(
      script('restore.sh', ['--data-dir', dataDir, dir], { DATABASE_URL: db.url }),
    ).rejects.toThrow(/pass --yes/);
    expect(await count('select count(*)::int as n from plans')).toBe(2);

    await script('restore.sh', ['--yes', '--data-dir', dataDir, dir], { DATABASE_URL: db.url });

    const names = (await db.handle.db.select({ name: plans.name }).from(plans)).map((p) => p.name).sort();
    expect(names).toEqual(['Duplex Laval', 'Garage', 'Maison témoin']);
    const [restored] = await db.handle.db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(restored?.name).toBe('Acme Électrique');
    expect(await count(`select count(*)::int as n from pg_tables where tablename = 'api_keys'`)).toBe(1);
    expect(
      await count(`select count(*)::int as n from pg_tables where tablename = 'added_after_backup'`),
    ).toBe(0);
    expect(await count('select count(*)::int as n from drizzle.__drizzle_migrations')).toBe(migrations);
    expect(new TextDecoder().decode(await store.get(blob.sha256))).toBe('%PDF-1.7 plan de la maison témoin');
    // Migrating the restored database is a no-op, as when the services start on it.
    await db.handle.migrate();
  });

  it('refuses a damaged backup and leaves the database untouched', async () => {
    const out = join(work, 'damaged');
    const backup = await script('backup.sh', ['--out', out, '--no-files'], { DATABASE_URL: db.url });
    const dir = backup.stdout.trim().split('\n').at(-1) ?? '';
    const before = await count('select count(*)::int as n from plans');
    await client.query(`insert into plans (organisation_id, name, filename, size_bytes, sha256, edition)
      select organisation_id, 'Après la sauvegarde', filename, size_bytes, sha256, edition from plans limit 1`);
    const dump = readFileSync(join(dir, 'db.dump'));
    writeFileSync(join(dir, 'db.dump'), dump.subarray(0, Math.floor(dump.length / 2)));

    await expect(
      script('restore.sh', ['--yes', '--no-files', dir], { DATABASE_URL: db.url }),
    ).rejects.toThrow(/checksum mismatch/);
    expect(await count('select count(*)::int as n from plans')).toBe(before + 1);

    // The truncated dump given directly (no checksums to catch it): pg_restore fails part-way,
    // COMMIT is never sent, and the wipe that already ran is rolled back with the rest.
    await expect(
      script('restore.sh', ['--yes', join(dir, 'db.dump')], { DATABASE_URL: db.url }),
    ).rejects.toThrow();
    expect(await count('select count(*)::int as n from plans')).toBe(before + 1);
    expect(await count('select count(*)::int as n from drizzle.__drizzle_migrations')).toBeGreaterThan(0);
  });

  it('keeps only the newest --keep timestamped backups and never touches other names', async () => {
    const out = join(work, 'rotation');
    mkdirSync(join(out, 'saeq-20200101T000000Z'), { recursive: true });
    mkdirSync(join(out, 'saeq-20200102T000000Z'));
    mkdirSync(join(out, 'pre-deploy-20200101T000000Z'));
    mkdirSync(join(out, 'saeq-keep-me'));
    const backup = await script('backup.sh', ['--out', out, '--no-files', '--keep', '2'], {
      DATABASE_URL: db.url,
    });
    const newest = (backup.stdout.trim().split('\n').at(-1) ?? '').split('/').at(-1);
    expect(readdirSync(out).sort()).toEqual(
      ['pre-deploy-20200101T000000Z', 'saeq-20200102T000000Z', 'saeq-keep-me', newest].sort(),
    );
    expect(existsSync(join(out, 'saeq-20200101T000000Z'))).toBe(false);
  });
});
