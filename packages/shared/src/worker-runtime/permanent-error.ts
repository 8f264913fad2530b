import { UnrecoverableError } from 'bullmq';

/**
 * A failure that retrying cannot fix (bad input, violated domain rule): BullMQ fails the job at
 * once, and the stage records `{code, message}`.
 */
export class PermanentJobError extends UnrecoverableError {
  readonly code: string;
  /** The message without its code prefix (what the stage records). */
  readonly detail: string;
  constructor(code: string, message: string) {
    // BullMQ keeps only the message as failedReason: prefix the code so dead letters can filter on it.
    super(`${code}: ${message}`);
    this.code = code;
    this.detail = message;
  }
}

/** `{code, message}` for any error: permanent errors keep their code, others are `internal`. */
export function describeJobError(err: unknown): { code: string; message: string } {
  if (err instanceof PermanentJobError) return { code: err.code, message: err.detail };
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' && 'message' in err) {
    return { code: err.code, message: String(err.message) };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}
