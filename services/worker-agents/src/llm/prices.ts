import type { AgentUsage } from '@saeq/shared/db';
import { z } from 'zod';

/** USD per million tokens for one model family. */
export const ModelPrice = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  /** Cache hits (`cache_read_input_tokens`). */
  cacheRead: z.number().nonnegative(),
  /** Cache writes with the default 5-minute lifetime (`cache_creation_input_tokens`). */
  cacheWrite: z.number().nonnegative(),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

/** Model id prefix → price; the longest matching prefix wins (`claude-sonnet-4` covers `claude-sonnet-4-6`). */
export const PriceTable = z.record(z.string().min(1), ModelPrice);
export type PriceTable = z.infer<typeof PriceTable>;

/**
 * Anthropic's published list prices (USD per million tokens, standard tier, 5-minute cache
 * writes at 1.25 × input, cache reads at 0.1 × input) as we knew them when writing this. An
 * ESTIMATE: no discounts, batch or long-context pricing; override with `LLM_PRICES_JSON`.
 */
export const defaultPriceTable: PriceTable = {
  'claude-opus-4-5': { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  'claude-opus-4': { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
  'claude-sonnet-4': { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  'claude-3-7-sonnet': { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  'claude-haiku-4': { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 },
};

/** The price of `model` (longest matching prefix), or null when the table does not know it. */
export function priceOf(model: string, table: PriceTable): ModelPrice | null {
  let best: { prefix: string; price: ModelPrice } | null = null;
  for (const [prefix, price] of Object.entries(table)) {
    if (model.startsWith(prefix) && (!best || prefix.length > best.prefix.length)) best = { prefix, price };
  }
  return best?.price ?? null;
}

/**
 * Estimated cost of `usage` on `model` in USD, rounded to a millionth of a dollar; undefined
 * when the model has no price (then no cost is claimed).
 */
export function estimateCostUsd(model: string, usage: AgentUsage, table: PriceTable): number | undefined {
  const price = priceOf(model, table);
  if (!price) return undefined;
  const micro =
    usage.inputTokens * price.input +
    usage.outputTokens * price.output +
    usage.cacheReadTokens * price.cacheRead +
    usage.cacheCreationTokens * price.cacheWrite;
  // tokens × USD per million tokens = micro-dollars.
  return Math.round(micro) / 1_000_000;
}
