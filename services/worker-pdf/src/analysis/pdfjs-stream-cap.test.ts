import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StreamGuard, StreamTooLargeError } from './pdfjs-stream-cap.ts';

const MB = 2 ** 20;
const workerModule = join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'legacy/build/pdf.worker.mjs',
);

describe('pdfjs stream cap', () => {
  it('the installed pdfjs parser carries the patch: both decode paths call the guard, and it flags itself', () => {
    // patches/pdfjs-dist@5.4.449.patch, applied by pnpm at install (patchedDependencies).
    const source = readFileSync(workerModule, 'utf8');
    expect(source.match(/Symbol\.for\("saeq\.pdfjs\.streamGuard"\)\]\?\.grow\(/g)).toHaveLength(2);
    expect(source).toMatch(
      /size = globalThis\[Symbol\.for\("saeq\.pdfjs\.streamGuard"\)\]\?\.grow\(requested, size,/,
    );
    expect(source).toMatch(
      /totalLength \+= chunk\.byteLength;\n.*\n\s+globalThis\[Symbol\.for\("saeq\.pdfjs\.streamGuard"\)\]/,
    );
    expect(source).toContain('globalThis[Symbol.for("saeq.pdfjs.streamCapLoaded")] = true;');
  });

  it('the patch is declared for the pdfjs-dist version the worker depends on', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
    const workspace = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
    const version = /^\s+pdfjs-dist: (\S+)$/m.exec(workspace)?.[1];
    expect(version).toMatch(/^\d+\.\d+\.\d+$/); // pinned: a new version needs its patch re-made
    expect(workspace).toContain(`pdfjs-dist@${version}: patches/pdfjs-dist@${version}.patch`);
    expect(existsSync(join(root, `patches/pdfjs-dist@${version}.patch`))).toBe(true);
  });

  it('grows buffers up to the cap, never past it, and stays tripped for the rest of the job', () => {
    const usage = new Int32Array(new SharedArrayBuffer(4));
    const guard = new StreamGuard(usage);
    guard.begin(16 * MB);
    // pdfjs proposes doubling: 8 → 16 MB is allowed; a 32 MB proposal for 9 MB is clamped to 16.
    expect(guard.grow(6 * MB, 8 * MB, 4 * MB)).toBe(8 * MB);
    expect(guard.grow(9 * MB, 32 * MB, 8 * MB)).toBe(16 * MB);
    expect(Atomics.load(usage, 0)).toBe((4 + 8) * 1024); // KiB newly allocated: 4 + 8 MB
    expect(() => guard.grow(16 * MB + 1, 32 * MB, 16 * MB)).toThrow(StreamTooLargeError);
    expect(guard.exceeded?.code).toBe('pdf_too_large');
    // Tripped: even a small stream of the same job is refused, so the job ends quickly.
    expect(() => guard.grow(1024, 1024, 0)).toThrow(StreamTooLargeError);
    guard.begin(16 * MB);
    expect(guard.exceeded).toBeNull();
    expect(guard.grow(1024, 1024, 0)).toBe(1024);
  });
});
