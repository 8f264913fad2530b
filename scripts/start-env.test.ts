import { parseEnv } from '@saeq/shared/env';
import { describe, expect, it } from 'vitest';
import { isWildcard, localAddress, StartEnv } from './start-env.ts';

describe('pnpm start address', () => {
  it('binds this machine only unless HOST says otherwise', () => {
    expect(parseEnv(StartEnv, {}).HOST).toBe('127.0.0.1');
    expect(parseEnv(StartEnv, { HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  it('prints an address this machine can reach: loopback for a wildcard, brackets for IPv6', () => {
    expect(localAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(localAddress('0.0.0.0')).toBe('127.0.0.1');
    expect(localAddress('::')).toBe('[::1]');
    expect(localAddress('::1')).toBe('[::1]');
    expect(localAddress('192.168.1.20')).toBe('192.168.1.20');
    expect(isWildcard('0.0.0.0')).toBe(true);
    expect(isWildcard('::')).toBe(true);
    expect(isWildcard('127.0.0.1')).toBe(false);
  });
});
