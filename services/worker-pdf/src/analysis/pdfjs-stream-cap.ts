/**
 * A cap on the decoded size of any one PDF stream, enforced inside pdfjs.
 *
 * Why: pdfjs's `DecodeStream` keeps every decoded byte of a stream in one `Uint8Array` that it
 * doubles as it goes, and image streams are inflated whole through `DecompressionStream`. Those
 * bytes live outside the V8 heap, so the analysis thread's `maxOldGenerationSizeMb` does not
 * bound them: a 1 MB Flate stream inflating to 1 GiB took worker-pdf to 2.7 GB RSS
 * (docs/reliability.md, defect 1). pdfjs-dist 5.4 has no option for this (`maxImageSize` only
 * bounds declared image dimensions), so pdfjs's parser module (`legacy/build/pdf.worker.mjs`) is
 * patched at install (pnpm `patchedDependencies`: patches/pdfjs-dist@5.4.449.patch) with two
 * calls to a `StreamGuard` before a decode buffer grows, and a flag proving the patched file ran
 * (`assertStreamCapLoaded`). The patch is part of the lockfile, so every install (development,
 * CI, the Docker image) runs the same parser; upgrading pdfjs-dist means re-applying it
 * (`pnpm patch pdfjs-dist@<version>`), and the thread refuses to start if it was not.
 *
 * The guard throws past the cap; pdfjs catches errors inside a page (it skips the content it
 * cannot read), so the guard also remembers the breach and, once tripped, refuses every further
 * growth in the job: the job ends quickly and the thread reports `pdf_too_large`.
 */

/** Key of the guard on `globalThis`, where the patched pdfjs code finds it. */
const GUARD_KEY = 'saeq.pdfjs.streamGuard';

/** A stream decoded past the cap (the job's failure code is `pdf_too_large`). */
export class StreamTooLargeError extends Error {
  override readonly name = 'StreamTooLargeError';
  readonly code = 'pdf_too_large';
  constructor(readonly maxBytes: number) {
    super(`a PDF stream decodes to more than ${Math.round(maxBytes / 2 ** 20)} MB (PDF_MAX_STREAM_MB)`);
  }
}

export class StreamGuard {
  private maxBytes = Number.POSITIVE_INFINITY;
  /** Bytes allocated for decoded streams during the current job (cumulative). */
  private decodedBytes = 0;
  /** Set once a stream asks for more than the cap in this job. */
  private breach: StreamTooLargeError | null = null;

  /** `usage`: shared with the pool, which reads the job's decoded KiB without the thread's help. */
  constructor(private readonly usage?: Int32Array) {}

  /** Starts a job: resets the counters, `maxBytes` is the cap for each stream. */
  begin(maxBytes: number): void {
    this.maxBytes = maxBytes;
    this.decodedBytes = 0;
    this.breach = null;
    this.publish();
  }

  /** The breach of the cap in the current job, or null. */
  get exceeded(): StreamTooLargeError | null {
    return this.breach;
  }

  /**
   * Called by pdfjs before a decode buffer grows from `current` to hold `requested` bytes, with
   * the `proposed` capacity (pdfjs doubles). Returns the capacity to allocate: never more than
   * the cap, so a stream just under it does not get a buffer twice its size.
   * @throws StreamTooLargeError when `requested` exceeds the cap or the guard already tripped.
   */
  grow(requested: number, proposed: number, current: number): number {
    if (this.breach !== null || requested > this.maxBytes) {
      this.breach ??= new StreamTooLargeError(this.maxBytes);
      throw this.breach;
    }
    const size = Math.max(requested, Math.min(proposed, this.maxBytes));
    this.decodedBytes += Math.max(0, size - current);
    this.publish();
    return size;
  }

  private publish(): void {
    if (this.usage) Atomics.store(this.usage, 0, Math.min(2 ** 31 - 1, Math.floor(this.decodedBytes / 1024)));
  }
}

/** Set by the patched module when it runs: proof that pdfjs was loaded with the cap. */
const PATCHED_KEY = 'saeq.pdfjs.streamCapLoaded';

/** The guard the patched pdfjs code calls; one per thread, reset by each job. */
export function installStreamGuard(usage?: Int32Array): StreamGuard {
  const key = Symbol.for(GUARD_KEY);
  const global = globalThis as Record<symbol, unknown>;
  if (!(global[key] instanceof StreamGuard)) global[key] = new StreamGuard(usage);
  return global[key] as StreamGuard;
}

/**
 * @throws Error when pdfjs's parser was loaded without the patch (installed without pnpm's
 *   `patchedDependencies`, or pdfjs-dist upgraded without its patch: see patches/).
 */
export function assertStreamCapLoaded(): void {
  if ((globalThis as Record<symbol, unknown>)[Symbol.for(PATCHED_KEY)] !== true)
    throw new Error(
      'pdfjs was loaded without the stream cap (patches/pdfjs-dist@*.patch not applied: pnpm install?)',
    );
}
