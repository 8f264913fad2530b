import { describe, expect, it } from 'vitest';
import { loadWorkerAgentsEnv } from '../env.ts';
import { defaultPriceTable, estimateCostUsd, priceOf } from './prices.ts';

const usage = {
  inputTokens: 1_000_000,
  outputTokens: 100_000,
  cacheReadTokens: 500_000,
  cacheCreationTokens: 200_000,
};

describe('price table', () => {
  it('picks the longest matching model prefix', () => {
    expect(priceOf('claude-opus-4-5-20251101', defaultPriceTable)?.input).toBe(5);
    expect(priceOf('claude-opus-4-1-20250805', defaultPriceTable)?.input).toBe(15);
    expect(priceOf('claude-sonnet-4-6', defaultPriceTable)?.input).toBe(3);
    expect(priceOf('gpt-5', defaultPriceTable)).toBeNull();
  });

  it('estimates the cost in USD from tokens × USD per million', () => {
    // Sonnet 4: 1 M × 3 + 0.1 M × 15 + 0.5 M × 0.30 + 0.2 M × 3.75 = 3 + 1.5 + 0.15 + 0.75 = 5.40 $
    expect(estimateCostUsd('claude-sonnet-4-6', usage, defaultPriceTable)).toBe(5.4);
    // Haiku 4.5: 1 + 0.5 + 0.05 + 0.25 = 1.80 $
    expect(estimateCostUsd('claude-haiku-4-5', usage, defaultPriceTable)).toBe(1.8);
    expect(estimateCostUsd('unknown-model', usage, defaultPriceTable)).toBeUndefined();
  });

  it('rounds to the millionth of a dollar', () => {
    const one = { inputTokens: 1, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };
    expect(estimateCostUsd('claude-sonnet-4', one, defaultPriceTable)).toBe(0.000003);
  });

  it('takes a replacement table from LLM_PRICES_JSON and refuses a malformed one', () => {
    const env = loadWorkerAgentsEnv({
      LLM_PRICES_JSON: '{"claude-sonnet-4":{"input":2,"output":10,"cacheRead":0.2,"cacheWrite":2.5}}',
    });
    expect(estimateCostUsd('claude-sonnet-4-6', usage, env.LLM_PRICES_JSON)).toBe(2 + 1 + 0.1 + 0.5);
    expect(loadWorkerAgentsEnv({}).LLM_PRICES_JSON).toEqual(defaultPriceTable);
    expect(() => loadWorkerAgentsEnv({ LLM_PRICES_JSON: '{not json' })).toThrow(/LLM_PRICES_JSON/);
    expect(() => loadWorkerAgentsEnv({ LLM_PRICES_JSON: '{"m":{"input":-1}}' })).toThrow(/LLM_PRICES_JSON/);
  });
});
