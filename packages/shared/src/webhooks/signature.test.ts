import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './signature.ts';
import { addressPermitted, isPublicAddress } from './target-policy.ts';

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 and verifies it', () => {
    const body = '{"event":"plan.completed"}';
    const header = signWebhook('whsec_test', body, 1_780_000_000);
    const expected = createHmac('sha256', 'whsec_test').update(`1780000000.${body}`).digest('hex');
    expect(header).toBe(`t=1780000000,v1=${expected}`);
    expect(verifyWebhook('whsec_test', body, header, 1_780_000_100)).toBe(true);
  });

  it('rejects a wrong secret, a modified body and a stale timestamp', () => {
    const header = signWebhook('s1', 'body', 1000);
    expect(verifyWebhook('s2', 'body', header, 1000)).toBe(false);
    expect(verifyWebhook('s1', 'body!', header, 1000)).toBe(false);
    expect(verifyWebhook('s1', 'body', header, 1000 + 301)).toBe(false);
    expect(verifyWebhook('s1', 'body', 't=abc,v1=zz', 1000)).toBe(false);
  });
});

describe('webhook target policy', () => {
  it('refuses loopback, private, link-local and metadata addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      'fe80::1',
      '100.64.0.1',
      '0.0.0.0',
      '::ffff:10.0.0.1',
      // NAT64 of 10.0.0.1 and 169.254.169.254, 6to4 of 127.0.0.1
      '64:ff9b::a00:1',
      '64:ff9b::a9fe:a9fe',
      '64:ff9b:1::a00:1',
      '2002:7f00:1::1',
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    for (const a of ['8.8.8.8', '142.250.72.14', '2001:4860:4860::8888'])
      expect(isPublicAddress(a), a).toBe(true);
  });

  it('lets the allow-list open a private host', () => {
    expect(addressPermitted('localhost', '127.0.0.1', { allowedHosts: [] })).toBe(false);
    expect(addressPermitted('localhost', '127.0.0.1', { allowedHosts: ['127.0.0.1'] })).toBe(true);
    expect(addressPermitted('hooks.internal', '10.0.0.5', { allowedHosts: ['hooks.internal'] })).toBe(true);
  });
});
