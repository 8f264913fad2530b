import { Worker } from 'node:worker_threads';
import type { LegendMapping } from '@saeq/plan-analysis/legend-mappings';
import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { PermanentJobError } from '@saeq/shared/worker-runtime';
import { OCR_DEFAULTS } from '../ocr/ocr-defaults.ts';
import type { AnalysisReply, AnalysisRequest, AnalysisThreadData, PagePreview } from './analysis-thread.ts';
import { MemoryWatchdog, type WatchedJob } from './memory-watchdog.ts';

export type ThreadLimits = {
  timeoutMs: number;
  /** Heap limit of each thread (V8 old generation). */
  maxMemoryMb: number;
  maxPages: number;
  previewPages?: number;
  /** Pages of one plan read by OCR when their text layer is missing (0 = none). Default 0. */
  ocrMaxPages?: number;
  /** OCR rendering resolution. Default OCR_DEFAULTS.dpi (200). */
  ocrDpi?: number;
  /** Tesseract workers of each thread's OCR engine. Default OCR_DEFAULTS.workers. */
  ocrWorkers?: number;
  /** Largest decoded size of one PDF stream (pdfjs-stream-cap.ts). Default 256. */
  maxStreamMb?: number;
  /**
   * RSS ceiling of the whole process, enforced by the memory watchdog. Default (null or 0):
   * the RSS when analyses start from idle + `size × (maxMemoryMb + 64 + maxStreamMb + 64)`.
   */
  maxRssMb?: number | null;
  /** How often the watchdog samples RSS while analyses run. Default 50 ms. */
  memoryCheckIntervalMs?: number;
};
export type AnalysisOutcome = { pageCount: number; analysis: PlanAnalysis; previews: PagePreview[] };

/**
 * What each thread runs. Compiled (`pnpm build`: this module is dist/analysis/analysis-pool.js)
 * the thread is the compiled analysis-thread.js, run by Node as it is: no loader, no TypeScript
 * transform in the thread (tsx cost each thread its own loader, esbuild and transformed sources:
 * docs/benchmarks.md). From source (tests, `pnpm dev`) thread-bootstrap.mjs registers tsx in
 * the thread, then imports analysis-thread.ts.
 */
type AnalysisThreadModule = { url: URL; entry: string | null; compiled: boolean };
const runningCompiled = import.meta.url.endsWith('.js');
export const analysisThread: AnalysisThreadModule = runningCompiled
  ? { url: new URL('./analysis-thread.js', import.meta.url), entry: null, compiled: true }
  : {
      url: new URL('./thread-bootstrap.mjs', import.meta.url),
      entry: new URL('./analysis-thread.ts', import.meta.url).href,
      compiled: false,
    };

/** Codes the thread reports that retrying cannot fix. */
const permanentCodes = new Set(['pdf_unreadable', 'pdf_encrypted', 'pdf_too_large']);

/** Threads are replaced after this many jobs, so heap fragmentation never accumulates. */
const JOBS_PER_THREAD = 100;

/**
 * Each thread's young generation (semi-spaces), beside its `maxMemoryMb` old generation. 32 MB
 * rather than 64: the 50-page peak RSS of the compiled worker went from 345 to 299 MB (goal
 * 300 MB, docs/benchmarks.md, issue 20); 16 MB saves more but made 10-page analyses ~35 % slower.
 */
const YOUNG_GENERATION_MB = 32;
/** Native memory of a job besides decoded streams: page canvas of a preview, zlib windows, fonts. */
const NATIVE_MARGIN_MB = 64;
const DEFAULT_MAX_STREAM_MB = 256;

type Slot = {
  worker: Worker;
  jobs: number;
  busy: boolean;
  dead: boolean;
  ready: Promise<void>;
  /** KiB of decoded streams in the thread's current job, written by the thread. */
  usage: Int32Array;
};

/** How long a new thread may take to load (pdfjs, and tsx from source) before it is considered broken. */
const THREAD_BOOT_TIMEOUT_MS = 60_000;

/**
 * A small pool of analysis threads, each with a heap limit, serving one job at a time. A job
 * that runs past its time limit or exhausts its thread's memory terminates that thread and fails
 * with a permanent error (`pdf_timeout`, `pdf_too_large`); a new thread takes its place. A hostile
 * PDF therefore fails its job, never the worker process.
 *
 * Memory has three bounds: the heap limit (V8, in the thread); a cap on each decoded PDF stream
 * (in pdfjs, pdfjs-stream-cap.ts: a decompression bomb fails when it reaches the cap); and
 * the process's RSS, sampled from this thread by a `MemoryWatchdog`, for whatever native memory
 * the first two miss.
 */
export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private nextId = 1;
  private closed = false;
  private readonly watchdog: MemoryWatchdog;
  private readonly maxStreamMb: number;

  constructor(
    private readonly size: number,
    private readonly limits: ThreadLimits,
  ) {
    this.maxStreamMb = limits.maxStreamMb ?? DEFAULT_MAX_STREAM_MB;
    this.watchdog = new MemoryWatchdog({
      limitMb: limits.maxRssMb ? limits.maxRssMb : null,
      allowanceMb: size * (limits.maxMemoryMb + YOUNG_GENERATION_MB + this.maxStreamMb + NATIVE_MARGIN_MB),
      intervalMs: limits.memoryCheckIntervalMs ?? 50,
    });
  }

  /** Starts the threads now rather than on the first job (pdfjs loads while the worker idles). */
  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.slots.push(this.spawn());
  }

  /**
   * Analyses one PDF; `timeoutMs` overrides the pool's limit for this job, `legendMappings` are
   * the organisation's own legend wordings.
   */
  async analyse(
    data: Uint8Array,
    opts: { timeoutMs?: number; legendMappings?: LegendMapping[] } = {},
  ): Promise<AnalysisOutcome> {
    const slot = await this.acquire();
    try {
      return await this.runOn(slot, data, opts.timeoutMs ?? this.limits.timeoutMs, opts.legendMappings ?? []);
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watchdog.stop();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private spawn(): Slot {
    const usage = new SharedArrayBuffer(4);
    const workerData: AnalysisThreadData = { entry: analysisThread.entry, usage };
    const worker = new Worker(analysisThread.url, {
      workerData,
      // The compiled thread imports the workspace packages' compiled dist/ (package.json
      // `exports`), whatever flags this process was started with.
      ...(analysisThread.compiled ? { execArgv: [...process.execArgv, '--conditions=@saeq/compiled'] } : {}),
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.maxMemoryMb,
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
      },
    });
    // The job's time limit starts once the thread has loaded, not while it boots.
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('analysis thread did not start in time')),
        THREAD_BOOT_TIMEOUT_MS,
      );
      worker.on('message', (msg: { ready?: true }) => {
        if (msg.ready) {
          clearTimeout(timer);
          resolve();
        }
      });
      worker.once('exit', () => {
        clearTimeout(timer);
        reject(new Error('analysis thread exited while starting'));
      });
    });
    ready.catch(() => {});
    const slot: Slot = { worker, jobs: 0, busy: false, dead: false, ready, usage: new Int32Array(usage) };
    worker.on('error', () => {
      slot.dead = true;
    });
    worker.on('exit', () => {
      slot.dead = true;
    });
    // The thread keeps the process alive only while it has work.
    worker.unref();
    return slot;
  }

  private async acquire(): Promise<Slot> {
    if (this.closed) throw new Error('analysis pool closed');
    this.prune();
    const idle = this.slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return idle;
    }
    if (this.slots.length < this.size) {
      const slot = this.spawn();
      slot.busy = true;
      this.slots.push(slot);
      return slot;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    slot.busy = false;
    if (slot.dead || slot.jobs >= JOBS_PER_THREAD) {
      void slot.worker.terminate();
      slot.dead = true;
    }
    this.prune();
    const next = this.waiting.shift();
    if (!next) return;
    const replacement = this.slots.find((s) => !s.busy) ?? this.spawnInto();
    replacement.busy = true;
    next(replacement);
  }

  private spawnInto(): Slot {
    const slot = this.spawn();
    this.slots.push(slot);
    return slot;
  }

  private prune(): void {
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const slot = this.slots[i];
      if (slot?.dead && !slot.busy) this.slots.splice(i, 1);
    }
  }

  private async runOn(
    slot: Slot,
    data: Uint8Array,
    timeoutMs: number,
    legendMappings: LegendMapping[],
  ): Promise<AnalysisOutcome> {
    await slot.ready;
    const id = this.nextId++;
    slot.jobs++;
    const { worker } = slot;
    worker.ref();
    return new Promise<AnalysisOutcome>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.watchdog.delete(watched);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
      };
      const kill = () => {
        slot.dead = true;
        return worker.terminate();
      };
      const watched: WatchedJob = {
        startedAt: performance.now(),
        decodedKib: () => Atomics.load(slot.usage, 0),
        abort: async (reason) => {
          cleanup();
          const exited = kill();
          reject(new PermanentJobError('pdf_too_large', reason));
          await exited;
        },
      };
      const timer = setTimeout(() => {
        cleanup();
        void kill();
        reject(new PermanentJobError('pdf_timeout', `analysis exceeded ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (msg: AnalysisReply | { ready: true }) => {
        if (!('id' in msg) || msg.id !== id) return;
        cleanup();
        // A thread that hit the stream cap may hold its decoded buffers until a GC: replace it.
        if (!msg.ok && msg.error.code === 'pdf_too_large') slot.dead = true;
        if (msg.ok) resolve({ pageCount: msg.pageCount, analysis: msg.analysis, previews: msg.previews });
        else if (permanentCodes.has(msg.error.code))
          reject(new PermanentJobError(msg.error.code, msg.error.message));
        else reject(new Error(`${msg.error.code}: ${msg.error.message}`));
      };
      const onError = (err: Error & { code?: string }) => {
        cleanup();
        void kill();
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(new PermanentJobError('pdf_too_large', `analysis exceeded ${this.limits.maxMemoryMb} MB`));
        } else {
          reject(err);
        }
      };
      const onExit = (code: number) => {
        cleanup();
        slot.dead = true;
        reject(new Error(`analysis thread exited with code ${code} before answering`));
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      this.watchdog.add(watched);
      // The buffer is copied, not transferred: the caller may still need it (retries read the blob again anyway).
      worker.postMessage({
        id,
        data,
        maxPages: this.limits.maxPages,
        previewPages: this.limits.previewPages ?? 0,
        ocrMaxPages: this.limits.ocrMaxPages ?? 0,
        ocrDpi: this.limits.ocrDpi ?? OCR_DEFAULTS.dpi,
        ocrWorkers: this.limits.ocrWorkers ?? OCR_DEFAULTS.workers,
        maxStreamBytes: this.maxStreamMb * 2 ** 20,
        legendMappings,
      } satisfies AnalysisRequest);
    });
  }
}
