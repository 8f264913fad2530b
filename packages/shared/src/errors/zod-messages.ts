import { z } from 'zod';
import type { Lang } from '../i18n/index.ts';

const localeErrors = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };

/**
 * What zod reports as the received type in "expected X, received Y" (English default message),
 * mapped back to a value of that type: issues do not keep the input (zod's `reportInput` is off,
 * so that no request data ends up in messages or logs), but the locales name the received type
 * from it. The value only has to be of the right type.
 */
const sampleOfType: Record<string, unknown> = {
  string: '',
  number: 0,
  nan: Number.NaN,
  bigint: 0n,
  boolean: false,
  undefined: undefined,
  null: null,
  array: [],
  object: {},
  date: new Date(0),
  function: () => {},
  symbol: Symbol('sample'),
};

/**
 * An issue's message in both languages. zod writes its defaults in English (the process-wide
 * locale); those are rendered again with zod's own French and English locales. A message set by
 * a schema (`error:`) is not zod's default and is kept as written, in every language.
 */
export function localizedIssueMessage(issue: z.core.$ZodIssue): Record<Lang, string> {
  const raw = withSampleInput(issue);
  const en = safeLocale('en', raw);
  if (en === undefined || en !== issue.message) return { fr: issue.message, en: issue.message };
  return { fr: safeLocale('fr', raw) ?? issue.message, en };
}

function withSampleInput(issue: z.core.$ZodIssue): z.core.$ZodRawIssue {
  if (issue.code !== 'invalid_type') return issue as z.core.$ZodRawIssue;
  const received = /received (\w+)$/.exec(issue.message)?.[1];
  return {
    ...issue,
    input: received !== undefined ? sampleOfType[received] : undefined,
  } as z.core.$ZodRawIssue;
}

function safeLocale(lang: Lang, issue: z.core.$ZodRawIssue): string | undefined {
  try {
    const out = localeErrors[lang](issue);
    return typeof out === 'string' ? out : out?.message;
  } catch {
    return undefined;
  }
}
