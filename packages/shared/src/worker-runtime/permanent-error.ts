import { UnrecoverableError } from 'bullmq';

/**
 * A failure that retrying cannot fix (bad input, violated domain rule): BullMQ fails the job at
 * once, and the stage records `{code, message}`.
 */
export class PermanentJobError extends UnrecoverableError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** `{code, message}` for any error: permanent errors keep their code, others are `internal`. */
export function describeJobError(err: unknown): { code: string; message: string } {
  if (err instanceof PermanentJobError) return { code: err.code, message: err.message };
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' && 'message' in err) {
    return { code: err.code, message: String(err.message) };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}
