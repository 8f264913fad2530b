/**
 * Group commit: concurrent submissions that arrive within `windowMs` are handled by one call of
 * `flush` (one multi-row INSERT, one addBulk), and each caller gets its own result. Under load
 * this turns N round trips into one; alone, a request waits at most `windowMs`.
 *
 * A failed group is not every member's fault (one tenant's bad row, a foreign key gone): its
 * members are retried one by one, each getting the outcome of its own `flush([item])`, so one
 * request cannot fail unrelated tenants' requests. `flush` must leave nothing behind when it
 * throws (all or nothing), since the items are flushed again.
 */
export class MicroBatcher<In, Out> {
  private pending: { item: In; resolve: (v: Out) => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly flush: (items: In[]) => Promise<Out[]>,
    private readonly opts: { windowMs: number; maxBatch: number },
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.opts.maxBatch) this.run();
      else this.timer ??= setTimeout(() => this.run(), this.opts.windowMs);
    });
  }

  private run(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.flush(batch.map((b) => b.item)).then(
      (results) => {
        batch.forEach((b, i) => {
          const r = results[i];
          if (r === undefined) b.reject(new Error('batch returned fewer results than items'));
          else b.resolve(r);
        });
      },
      (err: unknown) => {
        if (batch.length === 1) {
          batch[0]?.reject(err);
          return;
        }
        for (const b of batch) {
          this.flush([b.item]).then(
            ([r]) => (r === undefined ? b.reject(new Error('batch returned no result')) : b.resolve(r)),
            b.reject,
          );
        }
      },
    );
  }
}
