import type { ToolName } from '@saeq/agents';
import type { Edition } from '@saeq/electrical-code';
import type { Db } from '@saeq/shared/db';
import type { Lang } from '@saeq/shared/i18n';
import { z } from 'zod';

/**
 * What a tool may see: the run's organisation (every query is scoped to it), the plan attached
 * to the run, the answer language and the code edition that applies when the input names none.
 */
export type ToolContext = {
  db: Db;
  organisationId: string;
  planId: string | null;
  lang: Lang;
  edition: Edition;
  /** Labour rate of generated BOMs when the organisation sets none, cents per hour. */
  defaultLabourRateCents: number;
};

/** The JSON schema of a tool's input, as the Messages API takes it (`type: "object"` at the root). */
export type ToolInputSchema = { type: 'object'; [key: string]: unknown };

/**
 * A tool the model may call. `run` takes the *validated* input; what it returns is sent back
 * to the model as JSON and recorded on the run. Expected failures (not found, invalid input,
 * no answer in the code) are `ToolFailure`s: the model sees them as `is_error` results.
 */
export type AgentTool<I extends z.ZodType = z.ZodType> = {
  name: ToolName;
  /** In French: the model reads it to choose the tool. */
  description: string;
  input: I;
  inputSchema: ToolInputSchema;
  /** Values filled in from the run when the model leaves them out (e.g. the code edition). */
  defaults?: (ctx: ToolContext) => Record<string, unknown>;
  // Method syntax (bivariant): a registry of differently-typed tools is one `AgentTool[]`.
  run(input: z.output<I>, ctx: ToolContext): Promise<unknown>;
};

/** A failure the model is told about (tool_result with is_error), with a stable code. */
export class ToolFailure extends Error {
  override readonly name = 'ToolFailure';
  readonly code: string;
  readonly messages: { fr: string; en: string };
  readonly details: unknown;

  constructor(code: string, messages: { fr: string; en: string }, details?: unknown) {
    super(messages.en);
    this.code = code;
    this.messages = messages;
    this.details = details;
  }
}

/**
 * The Messages API input schema of a zod schema: the *input* side (fields with defaults are
 * optional), no `$schema` key, and no `maximum: 2^53 - 1` that zod adds to every integer.
 * @throws Error when the schema is not an object (the API accepts only object inputs).
 */
export function inputSchemaOf(schema: z.ZodType): ToolInputSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema: _ignored, ...rest } = stripSafeIntegerMaximum(json) as Record<string, unknown>;
  if (rest.type !== 'object') throw new Error('a tool input schema must be an object');
  return { ...rest, type: 'object' };
}

function stripSafeIntegerMaximum(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSafeIntegerMaximum);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'maximum' && inner === Number.MAX_SAFE_INTEGER) continue;
    out[key] = stripSafeIntegerMaximum(inner);
  }
  return out;
}

/** Declares a tool with its JSON schema derived from its zod input schema. */
export function defineTool<I extends z.ZodType>(tool: Omit<AgentTool<I>, 'inputSchema'>): AgentTool<I> {
  return { ...tool, inputSchema: inputSchemaOf(tool.input) };
}

export const notFound = (what: { fr: string; en: string }): ToolFailure => new ToolFailure('not_found', what);
