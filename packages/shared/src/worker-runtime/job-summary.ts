/** What one queue's jobs did since the last summary (logged at info by the worker service). */
export type JobSummary = {
  completed: number;
  failed: number;
  delayed: number;
  /** Finished jobs (completed + failed) per second over the period. */
  perSecond: number;
  /** Mean and longest run time of the completed jobs, ms (0 when none completed). */
  meanMs: number;
  maxMs: number;
  periodMs: number;
};

/**
 * Counts a queue's job outcomes between two summaries. Per job it only adds to a few numbers: the
 * worker service logs successful jobs one by one at `debug` only (a line per job was most of its
 * cost against a bare BullMQ Worker, docs/benchmarks.md) and this summary at `info` instead.
 */
export class JobTally {
  private completed = 0;
  private failed = 0;
  private delayed = 0;
  private totalMs = 0;
  private maxMs = 0;

  constructor(private since: number) {}

  complete(ms: number): void {
    this.completed++;
    this.totalMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  fail(): void {
    this.failed++;
  }

  delay(): void {
    this.delayed++;
  }

  /**
   * The summary since the last call (or construction), then starts a new period at `now` (ms,
   * same clock as the constructor's). Null when no job finished or was delayed in the period.
   */
  take(now: number): JobSummary | null {
    const periodMs = Math.max(1, now - this.since);
    const summary: JobSummary | null =
      this.completed + this.failed + this.delayed === 0
        ? null
        : {
            completed: this.completed,
            failed: this.failed,
            delayed: this.delayed,
            perSecond: Math.round(((this.completed + this.failed) / periodMs) * 1000 * 100) / 100,
            meanMs: this.completed === 0 ? 0 : Math.round((this.totalMs / this.completed) * 10) / 10,
            maxMs: Math.round(this.maxMs * 10) / 10,
            periodMs: Math.round(periodMs),
          };
    this.since = now;
    this.completed = 0;
    this.failed = 0;
    this.delayed = 0;
    this.totalMs = 0;
    this.maxMs = 0;
    return summary;
  }
}
