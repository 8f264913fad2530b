/**
 * Watches the process's RSS from the main thread while analyses run, and stops one when it is
 * past the limit.
 *
 * Why outside the analysis threads: a thread's `maxOldGenerationSizeMb` does not count
 * ArrayBuffers (decoded streams, images, canvases), and a thread stuck in one long synchronous
 * call (an inflate loop) runs none of its own timers. The main thread stays responsive because
 * the work is elsewhere, and RSS is what the OOM killer looks at.
 */

/** A running analysis, as the watchdog sees it. */
export type WatchedJob = {
  /** When the job started (ms, `performance.now()` clock). */
  readonly startedAt: number;
  /** KiB of decoded PDF streams its thread reported so far (shared memory: readable while it runs). */
  decodedKib(): number;
  /** Fails the job with `pdf_too_large` and terminates its thread; resolves once the thread is gone. */
  abort(reason: string): Promise<void>;
};

export type MemoryWatchdogOptions = {
  /** Absolute RSS ceiling (MB); null: the RSS when analyses start from idle + `allowanceMb`. */
  limitMb: number | null;
  /** What running analyses may add to the idle process together (automatic ceiling). */
  allowanceMb: number;
  /** Sampling period; an inflate loop adds a few hundred MB a second. */
  intervalMs: number;
  readRssBytes?: () => number;
};

const MB = 2 ** 20;

export class MemoryWatchdog {
  private readonly jobs = new Set<WatchedJob>();
  private readonly readRss: () => number;
  private timer: NodeJS.Timeout | undefined;
  private limitBytes = Number.POSITIVE_INFINITY;
  /** While a terminated thread is being torn down its memory is still counted: wait for it. */
  private aborting = false;

  constructor(private readonly opts: MemoryWatchdogOptions) {
    this.readRss = opts.readRssBytes ?? (() => process.memoryUsage.rss());
  }

  /** The ceiling in force (MB), for logs and tests; Infinity while nothing runs in auto mode. */
  get limitMb(): number {
    return this.limitBytes / MB;
  }

  /** Starts watching `job`. The first job after idle fixes the automatic ceiling. */
  add(job: WatchedJob): void {
    if (this.jobs.size === 0) {
      this.limitBytes =
        this.opts.limitMb !== null ? this.opts.limitMb * MB : this.readRss() + this.opts.allowanceMb * MB;
      this.timer = setInterval(() => this.check(), this.opts.intervalMs);
      // Sampling must never keep the process alive on its own.
      this.timer.unref();
    }
    this.jobs.add(job);
  }

  delete(job: WatchedJob): void {
    this.jobs.delete(job);
    if (this.jobs.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  stop(): void {
    this.jobs.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    if (this.aborting || this.jobs.size === 0) return;
    const rss = this.readRss();
    if (rss <= this.limitBytes) return;
    const job = this.suspect();
    if (!job) return;
    this.delete(job);
    this.aborting = true;
    const reason = `worker-pdf memory reached ${Math.round(rss / MB)} MB, over its limit of ${Math.round(this.limitBytes / MB)} MB (PDF_MAX_RSS_MB)`;
    void job.abort(reason).finally(() => {
      this.aborting = false;
    });
  }

  /**
   * The job most likely to be growing: RSS is per process, so with several threads busy the one
   * that decoded the most stream bytes is taken (the usual cause), else the longest running.
   * One job at a time: the others are judged again once its thread's memory is released.
   */
  private suspect(): WatchedJob | undefined {
    let best: WatchedJob | undefined;
    for (const job of this.jobs) {
      if (
        !best ||
        job.decodedKib() > best.decodedKib() ||
        (job.decodedKib() === best.decodedKib() && job.startedAt < best.startedAt)
      )
        best = job;
    }
    return best;
  }
}
