import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { clusterQueuePrefix, clusterUrl } from '../redis/cluster-url.ts';
import { sentinelUrl } from '../redis/sentinel-url.ts';

/**
 * Environment shared by every SAEQ process. Each service extends it in its own `env.ts` and
 * parses `process.env` once at boot (`parseEnv`), failing fast with a readable message.
 */

/**
 * The repository (or image) root: relative paths in the environment are resolved from here, not
 * from the working directory, so `pnpm start` at the root and a service started from its own
 * folder (`pnpm --filter @saeq/worker-pdf start`) find the same data.
 */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const BaseEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'http', 'debug', 'trace', 'silent']).default('info'),
  /** Pretty logs for humans; JSON otherwise (default: pretty in development only). */
  LOG_PRETTY: booleanString.optional(),
  /** Postgres connection string; unset → embedded PGlite under DATA_DIR (pnpm start); required with NODE_ENV=production. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * Postgres connections of one process (its pool's ceiling). Default 10 here (the gateway); the workers
   * set their own (worker-pdf 4, worker-bom 8, worker-agents 8). Every process of every replica has its
   * own pool: keep the sum under the server's max_connections (docs/scaling.md, "Postgres connections").
   */
  DATABASE_POOL_MAX: z.coerce.number().int().positive().max(200).default(10),
  /** Where uploaded plans, previews and the embedded database live; a relative path is relative to the repository root, whatever the working directory. */
  DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .transform((dir) => resolve(repoRoot, dir)),
  /** Where plan files, previews and exports live: `file` under DATA_DIR (one host or a shared volume), `s3` in a bucket (several hosts). */
  BLOB_STORE: z.enum(['file', 's3']).default('file'),
  /** The bucket of BLOB_STORE=s3 (required then); it must exist. */
  S3_BUCKET: z.string().min(3).max(63).optional(),
  /** The bucket's region (S3-compatible servers accept any). */
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** An S3-compatible endpoint (MinIO, Ceph, R2…); unset for AWS S3 itself. */
  S3_ENDPOINT: z.string().url().optional(),
  /** Path-style URLs (endpoint/bucket/key), which MinIO and most self-hosted servers need. */
  S3_FORCE_PATH_STYLE: booleanString.default(false),
  /** Static credentials; unset → the AWS SDK's default chain (instance profile, web identity, AWS_* variables). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  /** Secret of S3_ACCESS_KEY_ID. */
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Server-side encryption asked on every write (`AES256`, `aws:kms`); unset → the bucket's default. */
  S3_SERVER_SIDE_ENCRYPTION: z.enum(['AES256', 'aws:kms']).optional(),
  /** Uploaded files at least this big go to S3 in parts (streamed, 8 MiB parts). */
  S3_MULTIPART_THRESHOLD_MB: z.coerce.number().int().min(5).max(5000).default(16),
  /** BullMQ's Redis: `redis://[user:password@]host:port[/db]` (`rediss://` for TLS). With REDIS_SENTINELS, only its credentials and db are used. */
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Redis behind Sentinel: the sentinels' `host:port` list, comma-separated; the primary is asked of them at every (re)connection, so a failover is followed. */
  REDIS_SENTINELS: z
    .string()
    .regex(/^[^,:\s]+:\d+(,[^,:\s]+:\d+)*$/, 'host:port[,host:port…]')
    .optional(),
  /** The master group name the sentinels monitor. */
  REDIS_SENTINEL_NAME: z.string().min(1).default('mymaster'),
  /** Password of the sentinels themselves, when they require one (the data nodes' is in REDIS_URL). */
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  /** Redis Cluster: some of its nodes' `host:port`, comma-separated (the client learns the rest); REDIS_URL then gives only credentials (and TLS with `rediss://`), and QUEUE_PREFIX is wrapped in a hash tag (`{saeq}`). */
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^[^,:\s]+:\d+(,[^,:\s]+:\d+)*$/, 'host:port[,host:port…]')
    .optional(),
  /** BullMQ key prefix: lets several deployments (or test runs) share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('saeq'),
  SERVICE_VERSION: z.string().default('0.1.0'),
  /**
   * OpenTelemetry traces go to this OTLP collector (Jaeger, the OpenTelemetry Collector…), e.g.
   * `http://jaeger:4318`; unset → tracing off, the SDK never loaded. The SDK reads this and the
   * other standard `OTEL_*` variables itself.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'an http:// or https:// URL, e.g. http://jaeger:4318')
    .optional(),
  /** OTLP encoding: `http/protobuf` (the SDK's default), `http/json` or `grpc` (port 4317). */
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/protobuf', 'http/json', 'grpc']).optional(),
  /** The service name on spans; unset → `saeq-<service>` (saeq-gateway, saeq-worker-pdf…). */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** Which traces are kept: `parentbased_traceidratio` with OTEL_TRACES_SAMPLER_ARG=0.1 keeps one in ten (unset → every trace). */
  OTEL_TRACES_SAMPLER: z
    .enum([
      'always_on',
      'always_off',
      'traceidratio',
      'parentbased_always_on',
      'parentbased_always_off',
      'parentbased_traceidratio',
    ])
    .optional(),
  /** The sampler's argument: the ratio kept (0…1) for the `*traceidratio` samplers. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  /** Extra resource attributes on every span, `key=value,key=value` (e.g. `deployment.environment=prod`). */
  OTEL_RESOURCE_ATTRIBUTES: z
    .string()
    .regex(/^[^=,]+=[^,]*(,[^=,]+=[^,]*)*$/, 'key=value[,key=value…]')
    .optional(),
  /** When set, logs also go to <dir>/error.log and <dir>/combined.log, rotated by size. */
  LOG_FILE_DIR: z.string().min(1).optional(),
  LOG_FILE_MAX_SIZE: z
    .string()
    .regex(/^\d+[kmg]?$/)
    .default('5m'),
  LOG_FILE_COUNT: z.coerce.number().int().min(1).max(100).default(5),
});
export type BaseEnv = z.infer<typeof BaseEnv>;

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/**
 * Rules across BaseEnv's variables, for every schema that extends it (zod cannot extend a refined
 * object, so parseEnv applies them).
 */
function baseEnvIssues(env: Partial<BaseEnv>): string[] {
  const issues: string[] = [];
  if (env.BLOB_STORE === 's3' && !env.S3_BUCKET) {
    issues.push('  - S3_BUCKET: required when BLOB_STORE=s3 (an existing bucket).');
  }
  if (env.REDIS_SENTINELS && env.REDIS_CLUSTER_NODES) {
    issues.push('  - REDIS_SENTINELS, REDIS_CLUSTER_NODES: set one or the other (Sentinel or Cluster).');
  }
  if ((env.S3_ACCESS_KEY_ID === undefined) !== (env.S3_SECRET_ACCESS_KEY === undefined)) {
    issues.push('  - S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither.');
  }
  // Without DATABASE_URL each process opens its own embedded database: fine for `pnpm start` on
  // one machine, silent data loss for replicas that each believe they share one.
  if (env.NODE_ENV === 'production' && env.DATABASE_URL === undefined) {
    issues.push(
      '  - DATABASE_URL: required when NODE_ENV=production (a Postgres 15+ URL); without it each ' +
        'process would open its own embedded database under DATA_DIR. For one machine in ' +
        'development, leave NODE_ENV unset and run `pnpm start`.',
    );
  }
  return issues;
}

/** Parses `source` with `schema`; throws an `EnvError` listing every bad variable. */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined>,
): z.infer<S> {
  // Empty strings mean "unset" (a blank line in .env must not turn into an invalid value).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  const lines = parsed.success
    ? baseEnvIssues(parsed.data as Partial<BaseEnv>)
    : parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
  if (!parsed.success || lines.length > 0) {
    throw new EnvError(`Invalid configuration (environment variables):\n${lines.join('\n')}`);
  }
  const env = parsed.data as Partial<BaseEnv>;
  // Every process reads one Redis URL: with sentinels it becomes a redis+sentinel:// URL, with
  // cluster nodes a redis+cluster:// one (createRedis), so no connection site needs to know.
  if (env.REDIS_CLUSTER_NODES && env.REDIS_URL) {
    env.REDIS_URL = clusterUrl({ base: env.REDIS_URL, nodes: env.REDIS_CLUSTER_NODES.split(',') });
    // Every key of a queue (and of a flow) in one slot: see clusterQueuePrefix.
    if (env.QUEUE_PREFIX) env.QUEUE_PREFIX = clusterQueuePrefix(env.QUEUE_PREFIX);
  }
  if (env.REDIS_SENTINELS && env.REDIS_URL) {
    env.REDIS_URL = sentinelUrl({
      base: env.REDIS_URL,
      name: env.REDIS_SENTINEL_NAME ?? 'mymaster',
      sentinels: env.REDIS_SENTINELS.split(','),
      ...(env.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: env.REDIS_SENTINEL_PASSWORD } : {}),
    });
  }
  return parsed.data;
}

export { booleanString };
