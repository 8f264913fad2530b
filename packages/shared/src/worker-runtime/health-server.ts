import { createServer, type Server } from 'node:http';

/**
 * The small HTTP server every worker exposes on METRICS_PORT: `/metrics` (Prometheus),
 * `/health` (liveness) and `/health/ready` (dependencies answer and the worker consumes).
 */
export function startHealthServer(opts: {
  port: number;
  host: string;
  /** Prometheus exposition text and its content type, produced at scrape time. */
  metrics: () => Promise<{ text: string; contentType: string }>;
  ready: () => Promise<{ ok: boolean; checks: Record<string, unknown> }>;
}): Promise<Server> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const send = (status: number, body: string, type = 'application/json; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET') return send(405, JSON.stringify({ status: 'method not allowed' }));
    if (url === '/health') return send(200, JSON.stringify({ status: 'ok' }));
    if (url === '/health/ready') {
      opts.ready().then(
        (r) =>
          send(r.ok ? 200 : 503, JSON.stringify({ status: r.ok ? 'ok' : 'unavailable', checks: r.checks })),
        (err: unknown) => send(503, JSON.stringify({ status: 'unavailable', error: String(err) })),
      );
      return;
    }
    if (url === '/metrics') {
      opts.metrics().then(
        (m) => send(200, m.text, m.contentType),
        () => send(500, 'metrics unavailable', 'text/plain'),
      );
      return;
    }
    send(404, JSON.stringify({ status: 'not found' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}
