import type { Queue } from 'bullmq';
import type { Metrics } from '../metrics/index.ts';

const states = [
  'waiting',
  'active',
  'delayed',
  'failed',
  'completed',
  'prioritized',
  'waiting-children',
] as const;

/** Samples job counts per state and connected workers for each queue into the gauges. */
export async function sampleQueueMetrics(metrics: Metrics, queues: Queue[]): Promise<void> {
  await Promise.all(
    queues.map(async (queue) => {
      const counts = await queue.getJobCounts(...states);
      for (const state of states) metrics.queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
      const workers = await queue.getWorkersCount();
      metrics.queueWorkers.set({ queue: queue.name }, workers);
    }),
  );
}
