import { describe, expect, it } from 'vitest';
import { BaseEnv, parseEnv } from '../env/index.ts';
import { activeTraceIds, queueTelemetry, setActiveSpanAttributes, startTracing } from './index.ts';

describe('tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('starts nothing: no BullMQ telemetry option, no trace ids in log lines, span attributes ignored', async () => {
    const tracing = await startTracing('worker-bom', parseEnv(BaseEnv, {}));
    expect(tracing.enabled).toBe(false);
    expect(queueTelemetry()).toEqual({});
    expect(activeTraceIds()).toEqual({});
    expect(() => setActiveSpanAttributes({ 'saeq.request_id': 'r1', skipped: undefined })).not.toThrow();
    await expect(tracing.shutdown()).resolves.toBeUndefined();
  });

  it('refuses a malformed endpoint, protocol or sampler ratio at boot', () => {
    expect(() => parseEnv(BaseEnv, { OTEL_EXPORTER_OTLP_ENDPOINT: 'jaeger:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
    expect(() => parseEnv(BaseEnv, { OTEL_EXPORTER_OTLP_PROTOCOL: 'udp' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL/,
    );
    expect(() => parseEnv(BaseEnv, { OTEL_TRACES_SAMPLER_ARG: '1.5' })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
  });
});
