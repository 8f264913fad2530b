import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureOrganisation } from '@saeq/shared/auth';
import { createTestDatabase, type TestDatabase } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeStage, createPlanWithStages } from '../src/plans/index.ts';
import { blobKey, FileBlobStore } from '../src/storage/index.ts';
import { ORPHAN_BLOB_GRACE_MS, removeOrphanBlobs } from '../src/worker-runtime/index.ts';

// The orphan-blob sweep on the real Postgres and a real blob directory: blobs nothing references
// (a plan whose enqueue failed, previews written after their plan was deleted) go once past the
// grace period; referenced or recent ones stay. Renderings are keyed per owner.

let database: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'saeq-blob-gc-'));
});
afterAll(async () => {
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe('blob store keys', () => {
  it('keys an owner’s rendering apart from the same bytes of another owner and from the content hash', () => {
    const png = bytes('same preview bytes');
    expect(new Set([blobKey(png), blobKey(png, 'plan-a'), blobKey(png, 'plan-b')]).size).toBe(3);
    expect(blobKey(png, 'plan-a')).toMatch(/^[a-f0-9]{64}$/);
  });
});

describe('orphan blob sweep', () => {
  it('removes old unreferenced blobs and keeps referenced and recent ones', async () => {
    const db = database.handle.db;
    const store = new FileBlobStore(dataDir);
    const organisationId = await ensureOrganisation(db, 'acme');
    const old = new Date(Date.now() - 2 * ORPHAN_BLOB_GRACE_MS);
    const age = (key: string) => {
      const path = join(dataDir, 'blobs', key.slice(0, 2), key.slice(2, 4), key);
      utimesSync(path, old, old);
    };
    const pdf = await store.put(bytes('%PDF plan kept'));
    const plan = await createPlanWithStages(db, {
      organisationId,
      name: 'p',
      filename: 'p.pdf',
      sizeBytes: 1,
      sha256: pdf.sha256,
      edition: '2026',
    });
    const preview = await store.put(bytes('preview kept'), { owner: plan.id });
    const exported = await store.put(bytes('export kept'), { owner: plan.id });
    await completeStage(
      db,
      plan.id,
      'analysis',
      { pages: [], previews: { '1': preview.sha256 } },
      new Date(),
    );
    await completeStage(db, plan.id, 'bom', { exports: { fr: { xlsx: exported.sha256 } } }, new Date());
    const unaccepted = await store.put(bytes('%PDF never enqueued'));
    const late = await store.put(bytes('preview of a deleted plan'), { owner: 'deleted-plan' });
    const recent = await store.put(bytes('%PDF being uploaded'));
    for (const key of [pdf.sha256, preview.sha256, exported.sha256, unaccepted.sha256, late.sha256]) age(key);

    const removed = await removeOrphanBlobs({
      db,
      store,
      before: new Date(Date.now() - ORPHAN_BLOB_GRACE_MS),
    });
    expect(removed).toBe(2);
    expect(await store.has(unaccepted.sha256)).toBe(false);
    expect(await store.has(late.sha256)).toBe(false);
    for (const kept of [pdf, preview, exported, recent]) expect(await store.has(kept.sha256)).toBe(true);
  });

  it('spares an old orphan that a new upload of the same bytes touched', async () => {
    const store = new FileBlobStore(dataDir);
    const first = await store.put(bytes('%PDF uploaded again'));
    const path = join(dataDir, 'blobs', first.sha256.slice(0, 2), first.sha256.slice(2, 4), first.sha256);
    const old = new Date(Date.now() - 2 * ORPHAN_BLOB_GRACE_MS);
    utimesSync(path, old, old);
    await store.put(bytes('%PDF uploaded again')); // its plan row is about to be written
    await removeOrphanBlobs({
      db: database.handle.db,
      store,
      before: new Date(Date.now() - ORPHAN_BLOB_GRACE_MS),
    });
    expect(await store.has(first.sha256)).toBe(true);
  });
});
