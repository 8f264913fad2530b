import { register } from 'node:module';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
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
    queueTelemetry: new BullMQOtel({ tracerName: 'bullmq', version: opts.serviceVersion }),
    shutdown: () => sdk.shutdown(),
  };
}
