import { isSpanContextValid, trace } from '@opentelemetry/api';

export type SpanAttributes = Record<string, string | number | boolean | undefined>;

/**
 * The active span's trace and span ids (W3C hex), for log lines; `{}` outside a span or when
 * tracing is off (the API's no-op span has an invalid context).
 */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId };
}

/** Adds attributes (undefined ones skipped) to the active span, if any; a no-op when tracing is off. */
export function setActiveSpanAttributes(attributes: SpanAttributes): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  for (const [key, value] of Object.entries(attributes))
    if (value !== undefined) span.setAttribute(key, value);
}
