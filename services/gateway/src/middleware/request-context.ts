import { randomUUID } from 'node:crypto';
import { negotiateLang } from '@saeq/shared/i18n';
import { setActiveSpanAttributes } from '@saeq/shared/telemetry';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Request id (echoed when the client sent a sane one), response language, a child logger, the
 * access log line and the HTTP duration histogram (routes as patterns, never raw paths).
 */
export function requestContext(deps: GatewayDeps) {
  const histogram = deps.metrics.httpDuration;
  return createMiddleware<GatewayEnvBindings>(async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    // The request's span (tracing on) names its request id, as its log lines name its trace id.
    setActiveSpanAttributes({ 'saeq.request_id': requestId });
    c.set('lang', negotiateLang(c.req.header('accept-language')));
    const log = deps.logger.child({ requestId });
    c.set('log', log);
    const ip =
      clientIp(c.req.raw.headers, c.env, {
        proxy: deps.env.TRUST_PROXY,
        count: deps.env.TRUSTED_PROXY_COUNT,
      }) ?? 'unknown';
    c.set('clientIp', ip);
    c.header('X-Request-Id', requestId);
    try {
      await next();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const route = routePath(c, -1) || 'unmatched';
      const status = c.res.status;
      histogram.observe({ method: c.req.method, route, status: String(status) }, seconds);
      log.http(
        {
          method: c.req.method,
          route,
          status,
          ms: Math.round(seconds * 10_000) / 10,
          ip,
          ua: c.req.header('user-agent'),
        },
        'request',
      );
    }
  });
}

function clientIp(headers: Headers, env: unknown, trusted: { proxy: boolean; count: number }) {
  if (trusted.proxy) {
    const forwarded = headers.get('x-forwarded-for');
    if (forwarded) return clientIpFromForwarded(forwarded, trusted.count);
  }
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}

/**
 * The client's address in an X-Forwarded-For header behind `trustedProxies` proxies that each
 * append the peer they saw: the `trustedProxies`-th entry from the right. Entries further left
 * are whatever the client sent (nginx's $proxy_add_x_forwarded_for keeps them), so reading the
 * left-most would let a client pick its own rate-limit bucket. Fewer entries than proxies: the
 * left-most there is.
 */
export function clientIpFromForwarded(header: string, trustedProxies: number): string | undefined {
  const hops = header
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  return hops[Math.max(0, hops.length - trustedProxies)];
}
