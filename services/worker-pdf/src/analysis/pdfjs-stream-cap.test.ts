import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isPdfjsWorkerModule,
  patchPdfjsWorkerSource,
  StreamGuard,
  StreamTooLargeError,
} from './pdfjs-stream-cap.ts';

const MB = 2 ** 20;
const workerModule = join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'legacy/build/pdf.worker.mjs',
);

describe('pdfjs stream cap', () => {
  it('edits the installed pdfjs parser: both decode paths call the guard', () => {
    const patched = patchPdfjsWorkerSource(readFileSync(workerModule, 'utf8'));
    expect(patched.match(/Symbol\.for\("saeq\.pdfjs\.streamGuard"\)\]\?\.grow\(/g)).toHaveLength(2);
    expect(patched).toContain('globalThis[Symbol.for("saeq.pdfjs.streamCapLoaded")] = true;');
  });

  it('refuses a source it does not recognise rather than load pdfjs without the cap', () => {
    expect(() => patchPdfjsWorkerSource('export const nothing = 1;')).toThrow(/DecodeStream\.ensureBuffer/);
  });

  it('recognises the parser module by URL', () => {
    expect(isPdfjsWorkerModule(`file://${workerModule}`)).toBe(true);
    expect(isPdfjsWorkerModule(`file://${workerModule.replace('pdf.worker.mjs', 'pdf.mjs')}`)).toBe(false);
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
