// @saeq/shared: import from subpaths (`@saeq/shared/db`, `@saeq/shared/queues`, …) to keep
// each service's dependency surface explicit. This index re-exports the small pure pieces.
export { AppError, type ErrorCode, type FieldError, toProblem } from './errors/index.ts';
export { type Bilingual, type Lang, negotiateLang, pick } from './i18n/index.ts';
