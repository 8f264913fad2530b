import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { type BlobStore, blobKey, isBlobKey } from './blob-store.ts';

export type S3BlobStoreOptions = {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, Ceph, R2…); unset for AWS itself. */
  endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which MinIO and most self-hosted servers need. */
  forcePathStyle?: boolean;
  /** Unset: the SDK's default chain (environment, instance profile, web identity…). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Server-side encryption asked on every write. */
  serverSideEncryption?: ServerSideEncryption;
  /** Files at least this big go up in parts (S3's part minimum is 5 MiB). */
  multipartThresholdBytes?: number;
};

/** Object metadata carrying a "touch": S3 has no way to refresh LastModified in place everywhere. */
const TOUCHED_AT = 'saeq-touched-at';
const PART_BYTES = 8 * 1024 * 1024;

/**
 * Blobs as objects `blobs/ab/cd/<key>` of one bucket, with the same keys and semantics as
 * FileBlobStore, so several hosts share plan files, previews and exports without a shared volume.
 *
 * A `put` of an existing blob "touches" it (the orphan sweep leaves recently touched blobs
 * alone): S3 cannot set LastModified, and a copy onto itself does not refresh it on every
 * implementation, so the copy writes the touch time in the object's metadata and `modifiedAt`
 * takes the later of the two. `list` reports LastModified only (listing returns no metadata);
 * the sweep asks `modifiedAt` again before deleting, which reads the touch.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;

  constructor(private readonly opts: S3BlobStoreOptions) {
    this.client = new S3Client({
      region: opts.region,
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      forcePathStyle: opts.forcePathStyle ?? false,
      ...(opts.credentials ? { credentials: opts.credentials } : {}),
      // Checksums only where S3 requires them: the SDK's default sends streamed bodies with
      // aws-chunked trailing checksums, which several S3-compatible servers store verbatim.
      // Integrity is ours anyway: every key is the SHA-256 of the bytes, checked by readers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private objectKey(key: string): string {
    if (!isBlobKey(key)) throw new Error('invalid blob key');
    return `blobs/${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`;
  }

  private get encryption() {
    return this.opts.serverSideEncryption ? { ServerSideEncryption: this.opts.serverSideEncryption } : {};
  }

  async put(data: Uint8Array, opts: { owner?: string } = {}): Promise<{ sha256: string; sizeBytes: number }> {
    const sha256 = blobKey(data, opts.owner);
    if (!(await this.touch(sha256))) {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.opts.bucket,
          Key: this.objectKey(sha256),
          Body: data,
          ContentLength: data.byteLength,
          ...this.encryption,
        }),
      );
    }
    return { sha256, sizeBytes: data.byteLength };
  }

  async putFile(
    path: string,
    content: { sha256: string; sizeBytes: number },
  ): Promise<{ sha256: string; sizeBytes: number }> {
    try {
      if (!(await this.touch(content.sha256))) {
        const params = { Bucket: this.opts.bucket, Key: this.objectKey(content.sha256), ...this.encryption };
        if (content.sizeBytes >= (this.opts.multipartThresholdBytes ?? 16 * 1024 * 1024)) {
          // Streamed in parts: the file is never held in memory, and a failed part is retried alone.
          await new Upload({
            client: this.client,
            params: { ...params, Body: createReadStream(path) },
            partSize: PART_BYTES,
            queueSize: 2,
          }).done();
        } else {
          await this.client.send(
            new PutObjectCommand({
              ...params,
              Body: createReadStream(path),
              ContentLength: content.sizeBytes,
            }),
          );
        }
      }
    } finally {
      await rm(path, { force: true });
    }
    return content;
  }

  /** Marks an existing blob as just written; false when there is none. */
  private async touch(key: string): Promise<boolean> {
    if (!(await this.has(key))) return false;
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.opts.bucket,
          Key: this.objectKey(key),
          CopySource: `${this.opts.bucket}/${this.objectKey(key)}`,
          MetadataDirective: 'REPLACE',
          Metadata: { [TOUCHED_AT]: new Date().toISOString() },
          ...this.encryption,
        }),
      );
      return true;
    } catch (err) {
      if (isNotFound(err)) return false; // removed meanwhile: the caller writes it again
      throw err;
    }
  }

  async get(sha256: string): Promise<Uint8Array> {
    const out = await this.client.send(
      new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.objectKey(sha256) }),
    );
    if (!out.Body) throw new Error(`blob ${sha256} has no body`);
    return out.Body.transformToByteArray();
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.head(sha256)) !== null;
  }

  async modifiedAt(sha256: string): Promise<Date | null> {
    const head = await this.head(sha256);
    if (!head) return null;
    const touched = head.Metadata?.[TOUCHED_AT];
    const touchedAt = touched ? new Date(touched) : null;
    const written = head.LastModified ?? null;
    if (touchedAt && !Number.isNaN(touchedAt.getTime()) && (!written || touchedAt > written))
      return touchedAt;
    return written;
  }

  private async head(sha256: string) {
    try {
      return await this.client.send(
        new HeadObjectCommand({ Bucket: this.opts.bucket, Key: this.objectKey(sha256) }),
      );
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: this.objectKey(sha256) }),
    );
  }

  async *list(): AsyncIterable<{ key: string; modifiedAt: Date }> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.opts.bucket, Prefix: 'blobs/', ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key?.split('/').pop() ?? '';
        if (isBlobKey(key) && object.LastModified) yield { key, modifiedAt: object.LastModified };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Readiness: the bucket exists and takes a write. */
  async checkWritable(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.opts.bucket }));
    const probe = `probes/${process.pid}-${Date.now()}`;
    await this.client.send(
      new PutObjectCommand({ Bucket: this.opts.bucket, Key: probe, Body: 'ok', ...this.encryption }),
    );
    await this.client.send(new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: probe }));
  }

  close(): void {
    this.client.destroy();
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}
