import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlobStore } from '@saeq/shared/storage';

export type BlobMigration = {
  /** Blobs in the source store. */
  listed: number;
  copied: number;
  /** Already in the target with the same bytes. */
  alreadyThere: number;
  /** Keys whose copy still differs from the source after copying (the command then exits 1). */
  mismatched: string[];
};

const digest = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Copies every blob of `from` into `to` under the same key (plan files, and renderings keyed per
 * owner alike), then reads each one back from `to` and compares its SHA-256 with the source's.
 * Idempotent: a blob already in `to` with the same bytes is left alone, so an interrupted run is
 * simply run again. The source is never modified.
 */
export async function migrateBlobs(opts: {
  from: BlobStore;
  to: BlobStore;
  log?: (line: string) => void;
}): Promise<BlobMigration> {
  const result: BlobMigration = { listed: 0, copied: 0, alreadyThere: 0, mismatched: [] };
  // putFile takes a staged file (and removes it): one blob at a time goes through this directory.
  const staging = mkdtempSync(join(tmpdir(), 'saeq-blobs-migrate-'));
  try {
    for await (const { key } of opts.from.list()) {
      result.listed++;
      const source = await opts.from.get(key);
      const expected = digest(source);
      if ((await opts.to.has(key)) && digest(await opts.to.get(key)) === expected) {
        result.alreadyThere++;
        continue;
      }
      const path = join(staging, key);
      writeFileSync(path, source);
      await opts.to.putFile(path, { sha256: key, sizeBytes: source.byteLength });
      if (digest(await opts.to.get(key)) !== expected) {
        result.mismatched.push(key);
        opts.log?.(`MISMATCH ${key}`);
        continue;
      }
      result.copied++;
      if (result.copied % 100 === 0) opts.log?.(`${result.copied} copied…`);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return result;
}
