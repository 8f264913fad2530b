import { AppError, type FieldError, toProblem } from '@saeq/shared/errors';
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
    message: issue.message,
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
        : err.status === 400
          ? new AppError('bad_request')
          : err.status === 401
            ? new AppError('unauthenticated')
            : new AppError('internal', { cause: err });
  }
  const lang = c.get('lang') ?? 'fr';
  const { problem, headers } = toProblem(normalized, lang, c.req.path);
  if (problem.status >= 500) {
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
