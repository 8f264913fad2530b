import { z } from 'zod';
import type { Bilingual, Lang } from './lang.ts';

/** Why a calculation has no answer although its input is valid. */
export const CalculationErrorCode = z.enum([
  'no_conductor_large_enough',
  'ambient_exceeds_insulation_rating',
  'size_not_in_table',
]);
export type CalculationErrorCode = z.infer<typeof CalculationErrorCode>;

/**
 * A domain error: the input is well-formed but the code gives no answer for it (e.g. no tabulated
 * conductor is large enough). The gateway maps it to `calculation_error` (HTTP 422) with
 * `messages` as the localized detail.
 */
export class CalculationError extends Error {
  override readonly name = 'CalculationError';
  readonly code: CalculationErrorCode;
  readonly messages: Bilingual;
  readonly context: Record<string, unknown>;

  constructor(code: CalculationErrorCode, messages: Bilingual, context: Record<string, unknown> = {}) {
    super(messages.en);
    this.code = code;
    this.messages = messages;
    this.context = context;
  }

  /** The explanation in the requested language. */
  messageIn(lang: Lang): string {
    return this.messages[lang];
  }
}
