import { defaultCatalog } from '@saeq/bom';
import { describe, expect, it } from 'vitest';
import { searchCatalog } from './bom-tools.ts';

describe('searchCatalog', () => {
  it('finds items by code and description words, accents and case ignored', () => {
    const found = searchCatalog(defaultCatalog.items, 'nmd90 14/2', 5);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]?.sku).toBe('NMD90-14-2-R75');
  });

  it('ranks items with every word first and caps the count', () => {
    const found = searchCatalog(defaultCatalog.items, 'câble NMD90', 3);
    expect(found).toHaveLength(3);
    for (const item of found) expect(`${item.sku} ${item.description.fr}`).toMatch(/NMD90/i);
  });

  it('finds nothing for unrelated words', () => {
    expect(searchCatalog(defaultCatalog.items, 'zzzz', 10)).toEqual([]);
  });
});
