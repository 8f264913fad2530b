import { register } from 'node:module';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { Span as QueueSpan, Telemetry as QueueTelemetry } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';
import { createAddHookMessageChannel } from 'import-in-the-middle';

/**
 * The OpenTelemetry Node SDK, loaded only when tracing is on (telemetry/index.ts). Exporter,
 * protocol, sampler, resource attributes and batching come from the standard `OTEL_*`
 * variables, which the SDK reads itself; only traces are exported (metrics stay on Prometheus,
 * logs on stdout).
 */
export async function startNodeTracing(opts: { serviceName: string; serviceVersion: string }) {
  // Our packages are ESM, so `import pg from 'pg'` bypasses require(): the pg and ioredis
  // instrumentations need import-in-the-middle's loader hook, registered before those modules
  // load. The message channel limits the hook to the modules the instrumentations ask for
  // (pg, pg-pool, ioredis) instead of wrapping every module of the process.
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const sdk = new NodeSDK({
    serviceName: opts.serviceName,
    // Spans only inside a trace (a request, a job): BullMQ's polling and the housekeeping
    // timers would otherwise make a root trace per Redis command or query.
    instrumentations: [
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  await waitForAllMessagesAcknowledged();
  return {
    queueTelemetry: withoutHousekeepingTraces(
      new BullMQOtel({ tracerName: 'bullmq', version: opts.serviceVersion }),
    ),
    shutdown: () => sdk.shutdown(),
  };
}

/**
 * BullMQ's periodic housekeeping (each worker checks its queue for stalled jobs every
 * lockDuration / 2) would otherwise be a root trace per queue and process every 15 s, burying
 * the requests' traces in Jaeger: those spans are dropped, nothing else.
 */
const housekeeping = /^(startStalledCheckTimer|moveStalledJobsToWait) /;
const droppedSpan: QueueSpan = {
  setSpanOnContext: (context) => context,
  setAttribute: () => {},
  setAttributes: () => {},
  addEvent: () => {},
  recordException: () => {},
  end: () => {},
};

function withoutHousekeepingTraces(telemetry: QueueTelemetry): QueueTelemetry {
  return {
    contextManager: telemetry.contextManager,
    tracer: {
      startSpan: (name, options, context) =>
        housekeeping.test(name) ? droppedSpan : telemetry.tracer.startSpan(name, options, context),
    },
  };
}
