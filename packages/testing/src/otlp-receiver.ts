import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * An OTLP/HTTP trace receiver on loopback for tests: what Jaeger or a collector would be in
 * production. It accepts `POST /v1/traces` in the JSON encoding (the services export with
 * `OTEL_EXPORTER_OTLP_PROTOCOL=http/json`, see {@link TestOtlpReceiver.env}) and keeps the spans
 * in memory, flattened with their service's name. Protobuf bodies are refused (415).
 */
export type ReceivedSpan = {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
};

export type TestOtlpReceiver = {
  endpoint: string;
  /** The environment that points a service's tracing here, exporting spans every 100 ms. */
  env: Record<string, string>;
  spans(): ReceivedSpan[];
  close(): Promise<void>;
};

const AnyValue: z.ZodType<unknown> = z.lazy(() =>
  z
    .object({
      stringValue: z.string().optional(),
      boolValue: z.boolean().optional(),
      intValue: z.union([z.number(), z.string()]).optional(),
      doubleValue: z.number().optional(),
      arrayValue: z.object({ values: z.array(AnyValue).optional() }).optional(),
    })
    .transform((v) => {
      if (v.arrayValue) return v.arrayValue.values ?? [];
      if (v.intValue !== undefined) return Number(v.intValue);
      return v.stringValue ?? v.boolValue ?? v.doubleValue;
    }),
);
const Attributes = z
  .array(z.object({ key: z.string(), value: AnyValue }))
  .optional()
  .transform((list) => Object.fromEntries((list ?? []).map((a) => [a.key, a.value])));
/** The parts of OTLP's ExportTraceServiceRequest (JSON encoding, hex ids) the tests read. */
const ExportTraceRequest = z.object({
  resourceSpans: z.array(
    z.object({
      resource: z.object({ attributes: Attributes }).optional(),
      scopeSpans: z.array(
        z.object({
          spans: z.array(
            z.object({
              traceId: z.string(),
              spanId: z.string(),
              parentSpanId: z.string().optional(),
              name: z.string(),
              kind: z.number().default(0),
              attributes: Attributes,
            }),
          ),
        }),
      ),
    }),
  ),
});

export async function startOtlpReceiver(): Promise<TestOtlpReceiver> {
  const received: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/traces') {
      res.writeHead(404).end();
      return;
    }
    if (!req.headers['content-type']?.startsWith('application/json')) {
      res.writeHead(415).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const parsed = ExportTraceRequest.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (!parsed.success) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(parsed.error.issues));
        return;
      }
      for (const resourceSpans of parsed.data.resourceSpans) {
        const service = String(resourceSpans.resource?.attributes['service.name'] ?? 'unknown');
        for (const scope of resourceSpans.scopeSpans)
          for (const span of scope.spans)
            received.push({ service, ...span, parentSpanId: span.parentSpanId || undefined });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
    spans: () => [...received],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
