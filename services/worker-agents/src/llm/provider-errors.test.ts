import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { classifyProviderError, rateLimitDelayMs, retryAfterOf } from './provider-errors.ts';

const body = (type: string, message: string) => ({ type: 'error', error: { type, message } });
const apiError = (status: number | undefined, type: string, headers: Record<string, string> = {}) =>
  Anthropic.APIError.generate(status, body(type, `${type} happened`), undefined, new Headers(headers));

describe('classifyProviderError', () => {
  it.each([
    [429, 'rate_limit_error', 'rate_limited'],
    [529, 'overloaded_error', 'overloaded'],
    [500, 'api_error', 'server'],
    [504, 'timeout_error', 'server'],
    [400, 'invalid_request_error', 'rejected'],
    [401, 'authentication_error', 'rejected'],
    [403, 'permission_error', 'rejected'],
    [404, 'not_found_error', 'rejected'],
  ] as const)('HTTP %i (%s) → %s', (status, type, kind) => {
    expect(classifyProviderError(apiError(status, type))).toMatchObject({
      kind,
      status,
      message: `${type} happened`,
    });
  });

  it('reads an error event in the middle of a stream by its type', () => {
    const midStream = new Anthropic.APIError(
      undefined,
      body('overloaded_error', 'Overloaded'),
      undefined,
      new Headers(),
    );
    expect(classifyProviderError(midStream)).toMatchObject({ kind: 'overloaded', status: undefined });
  });

  it('retries network failures and recognises our own abort', () => {
    expect(classifyProviderError(new Anthropic.APIConnectionError({ message: 'socket hang up' }))?.kind).toBe(
      'server',
    );
    expect(classifyProviderError(new Anthropic.APIConnectionTimeoutError())?.kind).toBe('server');
    expect(classifyProviderError(new Anthropic.APIUserAbortError())?.kind).toBe('aborted');
  });

  it('is null for errors that are not the provider’s', () => {
    expect(classifyProviderError(new Error('database down'))).toBeNull();
  });

  it('carries retry-after', () => {
    expect(
      classifyProviderError(apiError(429, 'rate_limit_error', { 'retry-after': '2' }))?.retryAfterMs,
    ).toBe(2000);
  });
});

describe('retryAfterOf', () => {
  const now = Date.parse('2026-05-01T12:00:00Z');
  it.each([
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after-ms': '1500', 'retry-after': '9' }, 1500],
    [{ 'retry-after': 'Fri, 01 May 2026 12:00:30 GMT' }, 30_000],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%o → %s ms', (headers, expected) => {
    expect(retryAfterOf(new Headers(headers), now)).toBe(expected);
  });
});

describe('rateLimitDelayMs', () => {
  it('honours retry-after, else backs off exponentially, within bounds', () => {
    expect(rateLimitDelayMs(2000, 0)).toBe(2000);
    expect(rateLimitDelayMs(undefined, 0)).toBe(5000);
    expect(rateLimitDelayMs(undefined, 2)).toBe(20_000);
    expect(rateLimitDelayMs(undefined, 10)).toBe(60_000);
    expect(rateLimitDelayMs(3_600_000, 0)).toBe(600_000);
  });
});
