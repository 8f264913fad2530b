import { describe, expect, it } from 'vitest';
import { primaryOfSlot } from './redis-cluster.ts';

// CLUSTER NODES after a primary's loss and its replica's promotion (Redis 7 format).
const nodes = [
  'a1 127.0.0.1:7001@17001 master - 0 0 1 connected 0-5460',
  'b2 127.0.0.1:7002@17002 master,fail - 0 0 2 disconnected 5461-10922',
  'c3 127.0.0.1:7003@17003 myself,master - 0 0 3 connected 10923-16383',
  'd4 127.0.0.1:7004@17004 slave a1 0 0 1 connected',
  'e5 127.0.0.1:7005@17005 master - 0 0 7 connected 5461-10922 [10000->-x9]',
].join('\n');

describe('primaryOfSlot', () => {
  it('names the live primary of a slot, passing over a failed one that still lists it', () => {
    expect(primaryOfSlot(nodes, 0)).toBe('127.0.0.1:7001');
    expect(primaryOfSlot(nodes, 7000)).toBe('127.0.0.1:7005');
    expect(primaryOfSlot(nodes, 16383)).toBe('127.0.0.1:7003');
  });

  it('finds none for a slot nobody serves', () => {
    expect(primaryOfSlot(nodes.replace('0-5460', '1-5460'), 0)).toBeUndefined();
  });
});
