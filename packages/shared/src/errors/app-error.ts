import { z } from 'zod';
import type { Lang } from '../i18n/index.ts';

export const errorCodes = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'idempotency_mismatch',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'dependency_unavailable',
  'calculation_error',
  'pdf_unreadable',
  'pdf_encrypted',
  'pdf_too_large',
  'pdf_timeout',
  'worker_crashed',
  'internal',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One table from error code to HTTP status (STYLE.md: one place per concept). */
export const httpStatusByCode = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_mismatch: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  dependency_unavailable: 503,
  calculation_error: 422,
  pdf_unreadable: 422,
  pdf_encrypted: 422,
  pdf_too_large: 413,
  pdf_timeout: 422,
  // A job's failure, not an HTTP answer; mapped like internal if it ever becomes one.
  worker_crashed: 500,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

/** One bad field; the message in both languages when it is known in both (rendered per request). */
export type FieldError = { path: string; message: string | Record<Lang, string> };

/**
 * An error with a stable code. `detail` overrides the generic localised message; `errors`
 * lists one entry per bad field; `headers` are added to the HTTP answer (Retry-After, …).
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly detail: { fr: string; en: string } | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly context: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    opts: {
      detail?: { fr: string; en: string };
      errors?: FieldError[];
      headers?: Record<string, string>;
      context?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(opts.detail?.en ?? code, { cause: opts.cause });
    this.code = code;
    this.detail = opts.detail;
    this.errors = opts.errors;
    this.headers = opts.headers;
    this.context = opts.context;
  }

  get status(): number {
    return httpStatusByCode[this.code];
  }
}
