import type { Lang } from '../i18n/index.ts';
import { AppError } from './app-error.ts';
import { errorMessages } from './messages.ts';

export const problemContentType = 'application/problem+json; charset=utf-8';

/** RFC 9457 problem details, as every SAEQ error answers. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: { path: string; message: string }[];
};

/** Turns any thrown value into a problem document; unknown errors become a generic 500. */
export function toProblem(
  err: unknown,
  lang: Lang,
  instance: string,
): { problem: Problem; headers: Record<string, string> } {
  const appError = err instanceof AppError ? err : new AppError('internal', { cause: err });
  const generic = errorMessages[appError.code][lang];
  const problem: Problem = {
    type: `https://saeq.dev/problems/${appError.code.replaceAll('_', '-')}`,
    title: generic.title,
    status: appError.status,
    detail: appError.detail ? appError.detail[lang] : generic.detail,
    instance,
    code: appError.code,
  };
  if (appError.errors && appError.errors.length > 0) {
    problem.errors = appError.errors.map((e) => ({
      path: e.path,
      message: typeof e.message === 'string' ? e.message : e.message[lang],
    }));
  }
  return { problem, headers: appError.headers ?? {} };
}
