import type { Telemetry as QueueTelemetry } from 'bullmq';
import type { BaseEnv } from '../env/index.ts';

export { activeTraceIds, type SpanAttributes, setActiveSpanAttributes } from './active-span.ts';

/** Tracing of one process, started by its `main.ts` before anything that connects. */
export type Tracing = {
  enabled: boolean;
  /** Flushes the spans still buffered; resolves even when the collector is gone. */
  shutdown(): Promise<void>;
};

/** Set once by startTracing when tracing is on; BullMQ's queues, flows and workers read it. */
let queueTelemetryInstance: QueueTelemetry | undefined;

/**
 * Starts OpenTelemetry tracing when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, and does nothing else
 * otherwise: the SDK is imported only then, so a process without it pays nothing.
 *
 * It must run before the modules that load `pg` and `ioredis` are imported (a service's main.ts
 * starts tracing, then imports the rest dynamically): their instrumentation wraps them as they
 * load (an ESM loader hook). BullMQ needs no patching: its own `telemetry` option
 * ({@link queueTelemetry}) carries the trace context inside each job, across every queue.
 */
export async function startTracing(service: string, env: BaseEnv): Promise<Tracing> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return { enabled: false, shutdown: async () => {} };
  const { startNodeTracing } = await import('./node-tracing.ts');
  const started = await startNodeTracing({
    serviceName: env.OTEL_SERVICE_NAME ?? `saeq-${service}`,
    serviceVersion: env.SERVICE_VERSION,
  });
  queueTelemetryInstance = started.queueTelemetry;
  return { enabled: true, shutdown: started.shutdown };
}

/**
 * BullMQ's `telemetry` option when tracing is on, to spread into a Queue's, FlowProducer's or
 * Worker's options; `{}` when it is off (BullMQ then skips every span and context copy).
 */
export function queueTelemetry(): { telemetry?: QueueTelemetry } {
  return queueTelemetryInstance ? { telemetry: queueTelemetryInstance } : {};
}
