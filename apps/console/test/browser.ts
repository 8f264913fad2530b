import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@saeq/testing';
import { chromium } from 'playwright-core';

/** What enables the browser suite, named in the skip line and in the CI failure. */
export const ENABLE_BROWSER_TESTS =
  'apt-get install -y chromium (Debian/Ubuntu, as root), or CHROMIUM_PATH=/path/to/chrome pnpm test';

/** Debian, Ubuntu and Google builds, in that order; then the browser `playwright-core install` downloads. */
const WELL_KNOWN = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];

export type BrowserLookup = { path: string } | { path: null; reason: string };

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium the console's browser tests drive. `CHROMIUM_PATH`, when set, is the only
 * candidate (a wrong path is reported, never silently replaced by another browser).
 */
export function findChromium(env: Record<string, string | undefined> = process.env): BrowserLookup {
  const chosen = env.CHROMIUM_PATH;
  if (chosen) {
    return isExecutable(chosen)
      ? { path: chosen }
      : { path: null, reason: `CHROMIUM_PATH=${chosen} is not an executable file` };
  }
  const candidates = [...WELL_KNOWN, chromium.executablePath()];
  const found = candidates.find(isExecutable);
  return found ? { path: found } : { path: null, reason: `no Chromium at ${candidates.join(', ')}` };
}

/** `CI=true` (or 1): a missing browser fails the run instead of skipping the suite. */
export function isCi(env: Record<string, string | undefined> = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/**
 * Where screenshots go: `test-results/screenshots` (ignored by git) so that a test run leaves the
 * tree as it found it; `docs/screenshots` (the documentation's) only with `UPDATE_SCREENSHOTS=1`.
 */
export function screenshotDir(env: Record<string, string | undefined> = process.env): string {
  return env.UPDATE_SCREENSHOTS === '1'
    ? join(repoRoot, 'docs/screenshots')
    : join(repoRoot, 'test-results/screenshots');
}
