import { chmodSync, lstatSync, mkdirSync, mkdtempSync } from 'node:fs';

/**
 * `dir` when it is a real directory (not a symlink) owned by this process's user and closed to
 * everyone else (a mode wider than 0700 is narrowed, as only its owner can); otherwise a fresh
 * private directory beside it (`mkdtemp`, 0700), so the compiled thread is never imported from a
 * place another user can write to or redirect.
 */
export function privateDirectory(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  const uid = process.getuid?.();
  if (stat.isDirectory() && !stat.isSymbolicLink() && (uid === undefined || stat.uid === uid)) {
    if ((stat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
    return dir;
  }
  return mkdtempSync(`${dir}-`);
}
