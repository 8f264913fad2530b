import { afterEach, describe, expect, it } from 'vitest';
import { MemoryWatchdog, type WatchedJob } from './memory-watchdog.ts';

const MB = 2 ** 20;
let watchdog: MemoryWatchdog | undefined;
afterEach(() => watchdog?.stop());

function job(startedAt: number, decodedKib: number, aborted: string[], name: string): WatchedJob {
  return {
    startedAt,
    decodedKib: () => decodedKib,
    abort: async (reason) => {
      aborted.push(`${name}: ${reason}`);
    },
  };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits for `cond` (timers may run late on a loaded machine). */
async function until(cond: () => boolean): Promise<void> {
  for (const started = Date.now(); !cond(); await tick(5))
    if (Date.now() - started > 5_000) throw new Error('condition not met within 5 s');
}

describe('MemoryWatchdog', () => {
  it('sets the automatic ceiling from the RSS when analyses start from idle', async () => {
    let rss = 500 * MB;
    const aborted: string[] = [];
    watchdog = new MemoryWatchdog({
      limitMb: null,
      allowanceMb: 200,
      intervalMs: 5,
      readRssBytes: () => rss,
    });
    const a = job(0, 0, aborted, 'a');
    watchdog.add(a);
    expect(watchdog.limitMb).toBe(700);
    rss = 700 * MB; // at the ceiling: not over it
    await tick(30);
    expect(aborted).toEqual([]);
    rss = 701 * MB;
    await until(() => aborted.length > 0);
    expect(aborted).toEqual([
      'a: worker-pdf memory reached 701 MB, over its limit of 700 MB (PDF_MAX_RSS_MB)',
    ]);
  });

  it('stops the job that decoded the most, one at a time', async () => {
    const aborted: string[] = [];
    let release: () => void = () => {};
    watchdog = new MemoryWatchdog({
      limitMb: 100,
      allowanceMb: 0,
      intervalMs: 5,
      readRssBytes: () => 200 * MB,
    });
    const small = job(0, 10, aborted, 'small');
    const big: WatchedJob = {
      startedAt: 5,
      decodedKib: () => 90_000,
      abort: (reason) => {
        aborted.push(`big: ${reason}`);
        // Its thread takes a while to exit: nothing else is stopped meanwhile.
        return new Promise<void>((r) => {
          release = r;
        });
      },
    };
    watchdog.add(small);
    watchdog.add(big);
    await until(() => aborted.length > 0);
    await tick(40);
    expect(aborted.map((a) => a.split(':')[0])).toEqual(['big']);
    release();
    await until(() => aborted.length > 1);
    expect(aborted.map((a) => a.split(':')[0])).toEqual(['big', 'small']);
  });

  it('takes the longest-running job when none reports decoded streams', async () => {
    const aborted: string[] = [];
    watchdog = new MemoryWatchdog({
      limitMb: 100,
      allowanceMb: 0,
      intervalMs: 5,
      readRssBytes: () => 200 * MB,
    });
    watchdog.add(job(20, 0, aborted, 'newer'));
    watchdog.add(job(10, 0, aborted, 'older'));
    await until(() => aborted.length > 0);
    expect(aborted[0]?.startsWith('older:')).toBe(true);
  });

  it('samples only while analyses run', async () => {
    let reads = 0;
    watchdog = new MemoryWatchdog({
      limitMb: null,
      allowanceMb: 100,
      intervalMs: 5,
      readRssBytes: () => {
        reads++;
        return 100 * MB;
      },
    });
    const a = job(0, 0, [], 'a');
    watchdog.add(a);
    await until(() => reads > 2);
    watchdog.delete(a);
    const after = reads;
    await tick(50);
    expect(reads).toBe(after);
  });
});
