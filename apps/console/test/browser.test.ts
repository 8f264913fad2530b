import { join } from 'node:path';
import { repoRoot } from '@saeq/testing';
import { describe, expect, it } from 'vitest';
import { findChromium, isCi, screenshotDir } from './browser.ts';

describe('browser lookup for the console suite', () => {
  it('reports a CHROMIUM_PATH that is not an executable instead of falling back to another browser', () => {
    const lookup = findChromium({ CHROMIUM_PATH: '/nonexistent/chrome' });
    expect(lookup).toEqual({
      path: null,
      reason: 'CHROMIUM_PATH=/nonexistent/chrome is not an executable file',
    });
  });

  it('takes CHROMIUM_PATH when it is executable', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toEqual({ path: process.execPath });
  });

  it('fails rather than skips only under CI=true or CI=1', () => {
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ CI: '1' })).toBe(true);
    expect(isCi({ CI: 'false' })).toBe(false);
    expect(isCi({})).toBe(false);
  });

  it('writes screenshots outside the tracked docs unless UPDATE_SCREENSHOTS=1', () => {
    expect(screenshotDir({})).toBe(join(repoRoot, 'test-results/screenshots'));
    expect(screenshotDir({ UPDATE_SCREENSHOTS: '1' })).toBe(join(repoRoot, 'docs/screenshots'));
  });
});
