import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where plan files live. Content-addressed by sha256 so the same upload is stored once; an
 * interface so an S3 implementation can replace the filesystem one.
 */
export interface BlobStore {
  put(data: Uint8Array): Promise<{ sha256: string; sizeBytes: number }>;
  get(sha256: string): Promise<Uint8Array>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
  /** Confirms the store accepts writes (readiness). */
  checkWritable(): Promise<void>;
}

const SHA256 = /^[a-f0-9]{64}$/;

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Files under `<root>/blobs/ab/cd/<sha256>`, written atomically (temp file + rename). */
export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error('invalid blob key');
    return join(this.root, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(data: Uint8Array) {
    const sha256 = sha256Hex(data);
    const target = this.pathOf(sha256);
    if (!(await this.has(sha256))) {
      await mkdir(join(target, '..'), { recursive: true });
      const tmp = `${target}.${randomUUID()}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, target);
    }
    return { sha256, sizeBytes: data.byteLength };
  }

  async get(sha256: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.pathOf(sha256)));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await stat(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async checkWritable(): Promise<void> {
    const dir = join(this.root, 'blobs');
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.probe-${randomUUID()}`);
    await writeFile(probe, 'ok');
    await rm(probe, { force: true });
  }
}
