import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { privateDirectory } from '../private-directory.ts';
import { compileThreadModules, ThreadBundle } from './thread-bundle.ts';

const dir = mkdtempSync(join(tmpdir(), 'saeq-thread-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every module specifier of a compiled file (static and dynamic imports). */
function specifiers(js: string): string[] {
  return [...js.matchAll(/(?:^import\b[^'"]*?from\s*|^import\s*|\bimport\()\s*"([^"]+)"/gm)].map(
    (m) => m[1] ?? '',
  );
}

describe('thread bundle', () => {
  it('is written in a private directory: a too-open one is narrowed to 0700, a symlink is not followed', async () => {
    const open = join(dir, 'open');
    mkdirSync(open, { mode: 0o777 });
    chmodSync(open, 0o777);
    expect(privateDirectory(open)).toBe(open);
    expect(statSync(open).mode & 0o777).toBe(0o700);

    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const planted = join(dir, 'planted');
    symlinkSync(elsewhere, planted);
    const bundle = await ThreadBundle.build(planted);
    const entryFile = fileURLToPath(bundle.ensure().entry);
    expect(dirname(entryFile)).not.toBe(planted);
    expect(dirname(entryFile).startsWith(`${planted}-`)).toBe(true);
    expect(statSync(dirname(entryFile)).mode & 0o777).toBe(0o700);
    rmSync(dirname(entryFile), { recursive: true, force: true });
  });

  it('compiles the thread and the loader hook to JavaScript importing only Node built-ins and files', async () => {
    const { entry, hooks } = await compileThreadModules();
    for (const js of [entry, hooks]) {
      const imported = specifiers(js);
      expect(imported.every((s) => s.startsWith('node:') || s.startsWith('file:///'))).toBe(true);
      // Each bundled module keeps its own import.meta.url; none refers to the bundle's.
      expect(js).not.toMatch(/\bimport\.meta\b/);
    }
    // pdfjs stays external (the file the hook patches), workspace packages are inside.
    expect(specifiers(entry)).toContainEqual(
      expect.stringMatching(/\/pdfjs-dist\/legacy\/build\/pdf\.worker\.mjs$/),
    );
    expect(entry).toContain('function analyzePlan(');
    expect(hooks).toContain('function patchPdfjsWorkerSource(');
  });

  it('writes files named by their content, and writes them again if they disappear', async () => {
    const bundle = await ThreadBundle.build(dir);
    const first = bundle.ensure();
    const entryFile = fileURLToPath(first.entry);
    expect(readFileSync(entryFile, 'utf8')).toContain('analysis-thread.ts');
    expect(bundle.ensure()).toEqual(first);
    rmSync(entryFile);
    expect(bundle.ensure()).toEqual(first);
    expect(existsSync(entryFile)).toBe(true);
  });

  it("removes other versions' files once they are an hour old, and nothing else", async () => {
    const file = (name: string) => join(dir, name);
    const old = Date.now() / 1000 - 2 * 3600;
    for (const name of [
      'analysis-thread-0123456789abcdef.mjs',
      'pdfjs-stream-cap-hooks-0123456789abcdef.mjs',
    ]) {
      writeFileSync(file(name), '// an older version');
      utimesSync(file(name), old, old);
    }
    writeFileSync(file('analysis-thread-fedcba9876543210.mjs'), '// another version, just written');
    writeFileSync(file('notes.txt'), 'not ours');
    utimesSync(file('notes.txt'), old, old);
    const current = (await ThreadBundle.build(dir)).ensure();
    expect(existsSync(file('analysis-thread-0123456789abcdef.mjs'))).toBe(false);
    expect(existsSync(file('pdfjs-stream-cap-hooks-0123456789abcdef.mjs'))).toBe(false);
    expect(existsSync(file('analysis-thread-fedcba9876543210.mjs'))).toBe(true);
    expect(existsSync(file('notes.txt'))).toBe(true);
    expect(existsSync(fileURLToPath(current.entry))).toBe(true);
    expect(existsSync(fileURLToPath(current.hooks))).toBe(true);
  });
});
