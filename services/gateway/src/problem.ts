import { isDatabaseUnavailable } from '@saeq/shared/db';
import { AppError, type FieldError, localizedIssueMessage, toProblem } from '@saeq/shared/errors';
import type { Logger } from '@saeq/shared/logger';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { GatewayEnvBindings } from './deps.ts';

/** zod issues → one `{path, message}` per bad field (RFC 9457 `errors`). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)',
    message: localizedIssueMessage(issue),
  }));
}

export function validationError(error: z.ZodError): AppError {
  return new AppError('validation_failed', { errors: fieldErrors(error) });
}

/** The single error handler: every failure answers problem+json, never a stack trace. */
export function problemResponse(
  err: unknown,
  c: Context<GatewayEnvBindings>,
  fallbackLog: Logger<'http'>,
): Response {
  let normalized = err;
  if (err instanceof HTTPException && !(err instanceof AppError)) {
    normalized =
      err.status === 413
        ? new AppError('payload_too_large')
        : // @hono/zod-openapi's media-type gate (jsonBody() refuses the same types first).
          err.status === 415
          ? new AppError('unsupported_media_type', {
              detail: {
                fr: 'Type de contenu non pris en charge pour cette route.',
                en: 'Content type not supported by this route.',
              },
            })
          : err.status === 400
            ? new AppError('bad_request')
            : err.status === 401
              ? new AppError('unauthenticated')
              : new AppError('internal', { cause: err });
  } else if (!(err instanceof AppError) && isDatabaseUnavailable(err)) {
    // Postgres down, restarting or cutting connections: a transient outage the client should
    // retry (API.md: dependency down → 503 with Retry-After), not a bug answered 500.
    normalized = databaseUnavailable(err);
  }
  const lang = c.get('lang') ?? 'fr';
  const { problem, headers } = toProblem(normalized, lang, c.req.path);
  if (normalized instanceof AppError && normalized.code === 'dependency_unavailable') {
    // Expected during an outage, possibly thousands of times: a warning, not an error with a stack.
    (c.get('log') ?? fallbackLog).warn({ err: causeMessage(normalized) }, 'dependency unavailable');
  } else if (problem.status >= 500) {
    (c.get('log') ?? fallbackLog).error(
      { err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) },
      'unhandled error',
    );
  }
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  c.header('Content-Type', 'application/problem+json; charset=utf-8');
  c.header('Content-Language', lang === 'en' ? 'en' : 'fr-CA');
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode);
}

/** Seconds a client should wait before retrying after a dependency outage (same as Redis's). */
const DEPENDENCY_RETRY_AFTER_S = '5';

/** Postgres unreachable (see isDatabaseUnavailable): 503 + Retry-After, cause kept for the log. */
function databaseUnavailable(cause: unknown): AppError {
  return new AppError('dependency_unavailable', {
    headers: { 'Retry-After': DEPENDENCY_RETRY_AFTER_S },
    detail: {
      fr: 'La base de données ne répond pas pour le moment; réessayez dans quelques secondes.',
      en: 'The database is not answering right now; retry in a few seconds.',
    },
    cause,
  });
}

function causeMessage(err: AppError): string {
  const cause = err.cause;
  return cause instanceof Error ? cause.message : cause === undefined ? err.message : String(cause);
}
