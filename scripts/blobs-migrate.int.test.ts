import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BaseEnv, parseEnv } from '@saeq/shared/env';
import { FileBlobStore, openBlobStore } from '@saeq/shared/storage';
import { repoRoot, startS3Server, type TestS3Server } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `pnpm saeq blobs migrate --to s3`: a file store moved to a bucket, every digest checked.

const run = promisify(execFile);
let s3: TestS3Server;
let dataDir: string;

beforeAll(async () => {
  s3 = await startS3Server();
  dataDir = mkdtempSync(join(tmpdir(), 'saeq-blobs-migrate-cli-'));
});
afterAll(async () => {
  await s3?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const saeq = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/saeq.ts', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...s3.env, BLOB_STORE: 'file' },
  });

describe('saeq blobs migrate', () => {
  it('copies every blob, plan files and per-owner renderings, and is idempotent', async () => {
    const files = new FileBlobStore(dataDir);
    const text = (s: string) => new TextEncoder().encode(s);
    const written = [
      await files.put(text('%PDF plan one')),
      await files.put(text('%PDF plan two')),
      await files.put(text('PNG preview'), { owner: 'plan-one' }),
    ];
    const first = await saeq(['blobs', 'migrate', '--to', 's3']);
    expect(first.stdout).toContain('3 blobs: 3 copied, 0 already there, 0 mismatched');
    const bucket = await openBlobStore(parseEnv(BaseEnv, { ...s3.env, DATA_DIR: dataDir }));
    for (const blob of written) expect(await bucket.get(blob.sha256)).toEqual(await files.get(blob.sha256));
    // The source is untouched.
    for (const blob of written) expect(await files.has(blob.sha256)).toBe(true);

    const again = await saeq(['blobs', 'migrate', '--to', 's3']);
    expect(again.stdout).toContain('3 blobs: 0 copied, 3 already there, 0 mismatched');
  }, 90_000);

  it('refuses a target other than s3 or file with exit code 2', async () => {
    await expect(saeq(['blobs', 'migrate', '--to', 'ftp'])).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
