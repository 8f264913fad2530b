import { createHash } from 'node:crypto';

/**
 * Where plan files and their renderings live, under 64-hex keys; an interface with two
 * implementations: FileBlobStore (one host, or a shared volume) and S3BlobStore (object storage).
 *
 * Uploaded files are content-addressed (key = sha256 of the bytes), so the same upload is stored
 * once and shared by every plan of that content. Renderings (previews, exports) are keyed per
 * owner (`put(data, { owner })`: key = sha256 of owner and content), because renderings of the
 * same PDF are byte-identical across plans and organisations and are deleted with their owner.
 * Blobs nothing references any more (a failed enqueue after the store, an analysis finishing
 * after its plan was deleted) are removed by the orphan sweep (worker-runtime/blob-gc.ts), which
 * leaves blobs written or touched within its grace period alone: `put` of an existing blob
 * touches it.
 */
export interface BlobStore {
  put(data: Uint8Array, opts?: { owner?: string }): Promise<{ sha256: string; sizeBytes: number }>;
  /**
   * Stores a file already on disk under `sha256`, the digest of its bytes computed while it was
   * written (a streamed upload): no copy of it is held in memory. The file is gone afterwards:
   * moved in (FileBlobStore, same filesystem), streamed up and removed (S3BlobStore), or removed
   * when the blob already exists.
   */
  putFile(
    path: string,
    content: { sha256: string; sizeBytes: number },
  ): Promise<{ sha256: string; sizeBytes: number }>;
  get(sha256: string): Promise<Uint8Array>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
  /** The blob's last write (or touch), or null when there is none. */
  modifiedAt(sha256: string): Promise<Date | null>;
  /** Every blob with its last write (or touch), in no particular order. */
  list(): AsyncIterable<{ key: string; modifiedAt: Date }>;
  /** Confirms the store accepts writes (readiness). */
  checkWritable(): Promise<void>;
}

const SHA256 = /^[a-f0-9]{64}$/;

/** Whether `key` is a blob key (64 lowercase hex digits): keys become paths and object names. */
export function isBlobKey(key: string): boolean {
  return SHA256.test(key);
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The key of `data` in a BlobStore: its sha256, or, for an owner's rendering, that of owner and sha256. */
export function blobKey(data: Uint8Array, owner?: string): string {
  const content = sha256Hex(data);
  return owner === undefined ? content : createHash('sha256').update(`${owner}\n${content}`).digest('hex');
}
