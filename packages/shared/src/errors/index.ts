export { AppError, ErrorCode, errorCodes, type FieldError, httpStatusByCode } from './app-error.ts';
export { errorMessages } from './messages.ts';
export { type Problem, problemContentType, toProblem } from './problem.ts';
export { localizedIssueMessage } from './zod-messages.ts';
