import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * An S3-protocol server on loopback for tests: s3rver (npm), which stores objects on disk and
 * speaks the REST API the AWS SDK uses (signatures, multipart uploads, copy, listing). Issue 22
 * names "a real S3-protocol server on loopback (an npm-packaged one, or MinIO where present)".
 */
export type TestS3Server = {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The environment a service needs to use this bucket. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

type S3rverInstance = { run(): Promise<{ address: string; port: number }>; close(): Promise<void> };
type S3rverConstructor = new (opts: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverInstance;

// s3rver ships no type declarations: required here and typed by the two calls we make.
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;

export async function startS3Server(bucket = 'saeq-test'): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'saeq-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver accepts this fixed key pair (and checks signatures made with it).
  const accessKeyId = 'S3RVER';
  const secretAccessKey = 'S3RVER';
  return {
    endpoint,
    bucket,
    accessKeyId,
    secretAccessKey,
    env: {
      BLOB_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
    },
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
