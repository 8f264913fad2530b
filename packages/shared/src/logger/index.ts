import { join } from 'node:path';
import { type Logger, type LoggerOptions, pino } from 'pino';

import type { BaseEnv } from '../env/index.ts';
import { activeTraceIds } from '../telemetry/active-span.ts';

export type { Logger } from 'pino';

/** Paths never written to logs: credentials and uploaded content. */
export const redactedPaths = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'apiKey',
  'key',
  '*.apiKey',
  '*.key',
  'password',
  '*.password',
  'contentBase64',
  '*.contentBase64',
  'ANTHROPIC_API_KEY',
  'BOOTSTRAP_API_KEY',
];

export type CreateLoggerOptions = {
  service: string;
  level: string;
  pretty?: boolean;
  version?: string;
  /** Optional destination (tests capture output through it). */
  destination?: pino.DestinationStream;
  /** Also write `error.log` and `combined.log` here, rotated by size (pino-roll). */
  fileDir?: string | undefined;
  /** Rotation size, e.g. "5m"; and how many rotated files to keep. */
  fileMaxSize?: string;
  fileCount?: number;
  /** Fields merged into every line when it is written (e.g. the active trace's ids). */
  mixin?: () => object;
};

/**
 * Structured logger (pino) with an extra `http` level between info and debug, secrets redacted,
 * JSON by default and pretty when asked (development).
 */
export function createLogger(opts: CreateLoggerOptions): Logger<'http'> {
  const options: LoggerOptions<'http'> = {
    level: opts.level,
    customLevels: { http: 25 },
    base: { service: opts.service, ...(opts.version ? { version: opts.version } : {}) },
    redact: { paths: redactedPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    ...(opts.mixin ? { mixin: opts.mixin } : {}),
  };
  if (opts.destination) return pino(options, opts.destination);
  if (opts.fileDir) {
    const roll = (file: string) => ({
      file: join(opts.fileDir as string, file),
      size: opts.fileMaxSize ?? '5m',
      limit: { count: opts.fileCount ?? 5 },
      mkdir: true,
    });
    const targets: pino.TransportTargetOptions[] = [
      opts.pretty
        ? {
            target: 'pino-pretty',
            level: opts.level,
            options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          }
        : { target: 'pino/file', level: opts.level, options: { destination: 1 } },
      { target: 'pino-roll', level: 'error', options: roll('error.log') },
      { target: 'pino-roll', level: opts.level, options: roll('combined.log') },
    ];
    const transport = pino.transport({ targets, levels: { ...pino.levels.values, http: 25 } });
    return pino({ ...options, formatters: {} }, transport);
  }
  if (opts.pretty) {
    return pino({
      ...options,
      formatters: {},
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  return pino(options);
}

/**
 * A service's logger from the settings every service shares (level, format, optional rotated
 * files). With tracing on, each line written inside a span carries its `trace_id` and `span_id`,
 * so a log search finds the trace and a trace's spans find their lines.
 */
export function createServiceLogger(service: string, env: BaseEnv): Logger<'http'> {
  return createLogger({
    fileDir: env.LOG_FILE_DIR,
    fileMaxSize: env.LOG_FILE_MAX_SIZE,
    fileCount: env.LOG_FILE_COUNT,
    service,
    level: env.LOG_LEVEL,
    pretty: env.LOG_PRETTY ?? env.NODE_ENV === 'development',
    version: env.SERVICE_VERSION,
    ...(env.OTEL_EXPORTER_OTLP_ENDPOINT ? { mixin: activeTraceIds } : {}),
  });
}
