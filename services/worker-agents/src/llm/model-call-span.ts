import { type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { LlmStep } from './anthropic-client.ts';

// A no-op tracer until tracing starts (telemetry/index.ts): the span then costs nothing.
const tracer = trace.getTracer('saeq-worker-agents');

/**
 * Runs one model request inside a client span named after the OpenTelemetry GenAI semantic
 * conventions (`chat <model>`, gen_ai.* attributes), with the tokens it used as attributes.
 * The request's failure is recorded on the span and rethrown unchanged.
 */
export function withModelCallSpan(
  request: { model: string; maxTokens: number },
  call: () => Promise<LlmStep>,
): Promise<LlmStep> {
  return tracer.startActiveSpan(
    `chat ${request.model}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.request.model': request.model,
        'gen_ai.request.max_tokens': request.maxTokens,
      },
    },
    async (span: Span) => {
      try {
        const step = await call();
        span.setAttributes({
          'gen_ai.response.model': step.model,
          'gen_ai.response.finish_reasons': step.stopReason ? [step.stopReason] : [],
          'gen_ai.usage.input_tokens': step.usage.inputTokens,
          'gen_ai.usage.output_tokens': step.usage.outputTokens,
          'gen_ai.usage.cache_read.input_tokens': step.usage.cacheReadTokens,
          'gen_ai.usage.cache_creation.input_tokens': step.usage.cacheCreationTokens,
        });
        return step;
      } catch (err) {
        span.recordException(err instanceof Error ? err : String(err));
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute('error.type', err instanceof Error ? err.constructor.name : 'unknown');
        throw err;
      } finally {
        span.end();
      }
    },
  );
}
