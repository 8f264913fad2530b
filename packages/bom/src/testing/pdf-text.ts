import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How to get the tool the PDF read-back tests need, named in the skip line and the CI failure. */
export const ENABLE_PDF_TEXT_TESTS = 'apt-get install -y poppler-utils (pdftotext, pdfinfo)';

/** Whether poppler's `pdftotext` is on the PATH. */
export function hasPdfToText(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `CI=true` (or 1): a missing tool fails the run instead of skipping the suite. */
export function isCi(env: Record<string, string | undefined>): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/**
 * The PDF's text as poppler reads it (`pdftotext -layout`, UTF-8), one string per page
 * (pages are separated by form feeds), no-break spaces turned into plain spaces.
 */
export function pdfPagesText(pdf: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'saeq-pdftext-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const out = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const pages = out.replace(/\u00a0/g, ' ').split('\f');
    // pdftotext ends the last page with a form feed too.
    if (pages.at(-1)?.trim() === '') pages.pop();
    return pages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
