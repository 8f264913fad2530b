import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BlobStore, blobKey, isBlobKey } from './blob-store.ts';

/** Files under `<root>/blobs/ab/cd/<key>`, written atomically (temp file + rename). */
export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!isBlobKey(sha256)) throw new Error('invalid blob key');
    return join(this.root, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(data: Uint8Array, opts: { owner?: string } = {}): Promise<{ sha256: string; sizeBytes: number }> {
    const sha256 = blobKey(data, opts.owner);
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) {
      // A new reference is about to be written: keep the orphan sweep off it meanwhile.
      const now = new Date();
      const touched = await utimes(target, now, now).then(
        () => true,
        () => false,
      );
      if (!touched) return this.put(data, opts); // removed meanwhile: write it again
    } else {
      await mkdir(join(target, '..'), { recursive: true });
      const tmp = `${target}.${randomUUID()}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, target);
    }
    return { sha256, sizeBytes: data.byteLength };
  }

  async putFile(
    path: string,
    content: { sha256: string; sizeBytes: number },
  ): Promise<{ sha256: string; sizeBytes: number }> {
    const target = this.pathOf(content.sha256);
    await mkdir(join(target, '..'), { recursive: true });
    // rename over an existing blob replaces it with identical bytes and refreshes its mtime,
    // which keeps the orphan sweep off it like `put`'s touch.
    await rename(path, target);
    return { sha256: content.sha256, sizeBytes: content.sizeBytes };
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

  async modifiedAt(sha256: string): Promise<Date | null> {
    return (await stat(this.pathOf(sha256)).catch(() => null))?.mtime ?? null;
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async *list(): AsyncIterable<{ key: string; modifiedAt: Date }> {
    const base = join(this.root, 'blobs');
    const names = async (dir: string) => readdir(dir).catch(() => [] as string[]);
    for (const a of await names(base)) {
      if (!/^[a-f0-9]{2}$/.test(a)) continue;
      for (const b of await names(join(base, a))) {
        if (!/^[a-f0-9]{2}$/.test(b)) continue;
        for (const key of await names(join(base, a, b))) {
          if (!isBlobKey(key)) continue; // temp files of writes in progress
          const info = await stat(join(base, a, b, key)).catch(() => null);
          if (info) yield { key, modifiedAt: info.mtime };
        }
      }
    }
  }

  async checkWritable(): Promise<void> {
    const dir = join(this.root, 'blobs');
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.probe-${randomUUID()}`);
    await writeFile(probe, 'ok');
    await rm(probe, { force: true });
  }
}
