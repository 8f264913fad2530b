import { describe, expect, it } from 'vitest';
import { toggled } from '../src/toggle-set.ts';

describe('toggled', () => {
  it('adds an absent item and removes a present one, leaving the original set alone', () => {
    const hidden = new Set(['receptacle']);
    const withLight = toggled(hidden, 'light');
    expect([...withLight].sort()).toEqual(['light', 'receptacle']);
    expect([...toggled(withLight, 'receptacle')]).toEqual(['light']);
    expect([...hidden]).toEqual(['receptacle']);
  });
});
