import type { BaseEnv } from '../env/index.ts';
import type { BlobStore } from './blob-store.ts';
import { FileBlobStore } from './file-blob-store.ts';

export { type BlobStore, blobKey, isBlobKey, sha256Hex } from './blob-store.ts';
export { FileBlobStore } from './file-blob-store.ts';
export type { S3BlobStoreOptions } from './s3-blob-store.ts';

type BlobStoreEnv = Pick<
  BaseEnv,
  | 'BLOB_STORE'
  | 'DATA_DIR'
  | 'S3_BUCKET'
  | 'S3_REGION'
  | 'S3_ENDPOINT'
  | 'S3_FORCE_PATH_STYLE'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_SERVER_SIDE_ENCRYPTION'
  | 'S3_MULTIPART_THRESHOLD_MB'
>;

/**
 * The blob store the environment asks for. The S3 client is loaded only when used: the AWS SDK
 * costs memory in every process that imports it, and with BLOB_STORE=file none needs it.
 */
export async function openBlobStore(env: BlobStoreEnv): Promise<BlobStore> {
  if (env.BLOB_STORE === 'file') return new FileBlobStore(env.DATA_DIR);
  const { S3BlobStore } = await import('./s3-blob-store.ts');
  return new S3BlobStore({
    // parseEnv refuses BLOB_STORE=s3 without a bucket.
    bucket: env.S3_BUCKET ?? '',
    region: env.S3_REGION,
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    ...(env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } }
      : {}),
    ...(env.S3_SERVER_SIDE_ENCRYPTION ? { serverSideEncryption: env.S3_SERVER_SIDE_ENCRYPTION } : {}),
    multipartThresholdBytes: env.S3_MULTIPART_THRESHOLD_MB * 1024 * 1024,
  });
}
