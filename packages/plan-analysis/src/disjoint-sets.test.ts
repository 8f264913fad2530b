import { describe, expect, it } from 'vitest';
import { DisjointSets } from './disjoint-sets.ts';

describe('DisjointSets', () => {
  it('joins items transitively and keeps the others apart', () => {
    const sets = new DisjointSets(6);
    sets.union(0, 1);
    sets.union(3, 4);
    sets.union(1, 4);
    const same = (a: number, b: number) => sets.find(a) === sets.find(b);
    expect(same(0, 3)).toBe(true);
    expect(same(0, 4)).toBe(true);
    expect(same(0, 2)).toBe(false);
    expect(same(2, 5)).toBe(false);
    expect(sets.find(5)).toBe(5);
  });

  it('handles a long chain (paths are halved, answers stay the same)', () => {
    const n = 10_000;
    const sets = new DisjointSets(n);
    for (let i = 1; i < n; i++) sets.union(i, i - 1);
    const root = sets.find(0);
    for (let i = 0; i < n; i++) expect(sets.find(i)).toBe(root);
  });
});
