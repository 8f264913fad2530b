import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { ensureOrganisation } from '@saeq/shared/auth';
import { createTestDatabase, startS3Server, type TestDatabase, type TestS3Server } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanWithStages } from '../src/plans/index.ts';
import { type BlobStore, blobKey, openBlobStore } from '../src/storage/index.ts';
import { removeOrphanBlobs } from '../src/worker-runtime/index.ts';

// The same contract for both blob stores: the filesystem one and the S3 one against an
// S3-protocol server on loopback (s3rver). Object stores keep LastModified to the second: the
// tests that compare times wait past a second boundary.

const bytes = (text: string) => new TextEncoder().encode(text);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const nextSecond = () => new Promise((r) => setTimeout(r, 1100));

let s3: TestS3Server;
let database: TestDatabase;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'saeq-blob-stores-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  [s3, database] = await Promise.all([startS3Server(), createTestDatabase()]);
});
afterAll(async () => {
  await s3?.stop();
  await database?.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const stores: [string, () => Promise<BlobStore>][] = [
  ['file', () => openBlobStore({ ...defaults(), BLOB_STORE: 'file', DATA_DIR: tempDir() })],
  [
    's3',
    async () =>
      openBlobStore({
        ...defaults(),
        BLOB_STORE: 's3',
        DATA_DIR: tempDir(),
        // A bucket per test, as the file store gets a directory per test.
        S3_BUCKET: await newBucket(),
        S3_ENDPOINT: s3.endpoint,
        S3_FORCE_PATH_STYLE: true,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        // The smallest S3 allows, so a 12 MB file goes up in parts.
        S3_MULTIPART_THRESHOLD_MB: 5,
      }),
  ],
];

let buckets = 0;
async function newBucket(): Promise<string> {
  const name = `saeq-contract-${++buckets}`;
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  await client.send(new CreateBucketCommand({ Bucket: name }));
  client.destroy();
  return name;
}

function defaults() {
  return {
    S3_REGION: 'us-east-1',
    S3_FORCE_PATH_STYLE: false,
    S3_MULTIPART_THRESHOLD_MB: 16,
    S3_BUCKET: undefined,
    S3_ENDPOINT: undefined,
    S3_ACCESS_KEY_ID: undefined,
    S3_SECRET_ACCESS_KEY: undefined,
    S3_SERVER_SIDE_ENCRYPTION: undefined,
  };
}

describe.each(stores)('%s blob store', (_name, open) => {
  it('stores, reads, lists and deletes by content key; renderings are keyed per owner', async () => {
    const store = await open();
    await store.checkWritable();
    const pdf = bytes('%PDF-1.7 a plan');
    const put = await store.put(pdf);
    expect(put).toEqual({ sha256: sha256(pdf), sizeBytes: pdf.byteLength });
    const preview = await store.put(pdf, { owner: 'plan-a' });
    expect(preview.sha256).toBe(blobKey(pdf, 'plan-a'));
    expect(await store.get(put.sha256)).toEqual(pdf);
    expect(await store.has(preview.sha256)).toBe(true);
    expect(await store.modifiedAt(put.sha256)).toBeInstanceOf(Date);
    const listed = [];
    for await (const blob of store.list()) listed.push(blob.key);
    expect(listed.sort()).toEqual([put.sha256, preview.sha256].sort());
    await store.delete(put.sha256);
    expect(await store.has(put.sha256)).toBe(false);
    expect(await store.modifiedAt(put.sha256)).toBeNull();
    await expect(store.get(put.sha256)).rejects.toThrow();
    await expect(store.get('../../etc/passwd')).rejects.toThrow('invalid blob key');
  });

  it('takes streamed uploads from disk, small and large, and removes the staged file', async () => {
    const store = await open();
    const dir = tempDir();
    for (const size of [100_000, 12 * 1024 * 1024]) {
      const data = new Uint8Array(randomBytes(size));
      const path = join(dir, `upload-${size}.tmp`);
      writeFileSync(path, data);
      const stored = await store.putFile(path, { sha256: sha256(data), sizeBytes: size });
      expect(stored.sha256).toBe(sha256(data));
      expect(existsSync(path)).toBe(false);
      const back = await store.get(stored.sha256);
      expect(back.byteLength).toBe(size);
      expect(sha256(back)).toBe(sha256(data));
    }
  }, 60_000);

  it('touches a blob written again, so the orphan sweep spares it, and sweeps the others', async () => {
    const store = await open();
    const db = database.handle.db;
    const organisationId = await ensureOrganisation(db, `acme-${Math.random().toString(36).slice(2)}`);
    const referenced = await store.put(bytes(`%PDF referenced ${Math.random()}`));
    await createPlanWithStages(db, {
      organisationId,
      name: 'p',
      filename: 'p.pdf',
      sizeBytes: 1,
      sha256: referenced.sha256,
      edition: '2026',
    });
    const orphan = await store.put(bytes(`%PDF never enqueued ${Math.random()}`));
    const reuploaded = bytes(`%PDF uploaded again ${Math.random()}`);
    const again = await store.put(reuploaded);
    const firstWrite = await store.modifiedAt(again.sha256);
    await nextSecond();
    const cut = new Date();
    await nextSecond();
    // A new upload of the same bytes, about to be referenced: the store touches the blob.
    const path = join(tempDir(), 'again.tmp');
    writeFileSync(path, reuploaded);
    await store.putFile(path, { sha256: again.sha256, sizeBytes: reuploaded.byteLength });
    const touched = await store.modifiedAt(again.sha256);
    expect(touched?.getTime()).toBeGreaterThan(firstWrite?.getTime() ?? 0);

    const removed = await removeOrphanBlobs({ db, store, before: cut });
    expect(removed).toBe(1);
    expect(await store.has(orphan.sha256)).toBe(false);
    expect(await store.has(referenced.sha256)).toBe(true);
    expect(await store.has(again.sha256)).toBe(true);
  }, 30_000);
});

describe('s3 blob store readiness', () => {
  it('fails when the bucket does not exist', async () => {
    const store = await openBlobStore({
      ...defaults(),
      BLOB_STORE: 's3',
      DATA_DIR: tempDir(),
      S3_BUCKET: 'no-such-bucket',
      S3_ENDPOINT: s3.endpoint,
      S3_FORCE_PATH_STYLE: true,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
    await expect(store.checkWritable()).rejects.toThrow();
  });
});
