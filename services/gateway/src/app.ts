import { httpInstrumentationMiddleware } from '@hono/otel';
import { AppError } from '@saeq/shared/errors';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { GatewayDeps } from './deps.ts';
import { requireAuth } from './middleware/auth.ts';
import { compressAnswers } from './middleware/compression.ts';
import { refuseWhileDraining } from './middleware/drain.ts';
import { rejectDuplicateQueryParams } from './middleware/query-guard.ts';
import { requestLimits } from './middleware/rate-limit.ts';
import { requestContext } from './middleware/request-context.ts';
import { type OpenApiDocument, openApiDocument } from './openapi/document.ts';
import { router } from './openapi/route-kit.ts';
import { problemResponse } from './problem.ts';
import { adminRoutes } from './routes/admin.ts';
import { agentOrchestrationRoutes } from './routes/agent-orchestrations.ts';
import { agentRunEventRoutes } from './routes/agent-run-events.ts';
import { agentRoutes } from './routes/agents.ts';
import { bomRoutes } from './routes/boms.ts';
import { calculationRoutes } from './routes/calculations.ts';
import { catalogRoutes } from './routes/catalogs.ts';
import { comparisonRoutes } from './routes/comparisons.ts';
import { consoleRoutes } from './routes/console.ts';
import { docsRoutes } from './routes/docs.ts';
import { failedJobRoutes } from './routes/failed-jobs.ts';
import { knowledgeRoutes } from './routes/knowledge.ts';
import { legendMappingRoutes } from './routes/legend-mappings.ts';
import { mcpRoutes } from './routes/mcp.ts';
import { bullBoardRoutes, healthRoutes } from './routes/operations.ts';
import { planEventRoutes } from './routes/plan-events.ts';
import { planRoutes } from './routes/plans.ts';
import { ruleRoutes } from './routes/rules.ts';
import { usageRoutes } from './routes/usage.ts';

/**
 * Builds the gateway's HTTP app from its dependencies; no side effects, nothing listens. Routes
 * are declared with @hono/zod-openapi: mounting a sub-app copies its route declarations into the
 * parent's registry, from which /openapi.json is generated.
 */
export function createApp(deps: GatewayDeps) {
  const app = router();
  // Tracing on (OTEL_EXPORTER_OTLP_ENDPOINT): a server span per request, continuing a caller's
  // `traceparent`, active through every middleware so the request context's logs and the jobs
  // it enqueues belong to it.
  if (deps.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    // The service name comes from the SDK's resource (OTEL_SERVICE_NAME or saeq-gateway).
    app.use('*', httpInstrumentationMiddleware({ captureActiveRequests: false }));
  }
  app.use('*', requestContext(deps));
  // Right after the request context (request id, language, access log) and before anything
  // that touches Postgres or Redis: a request refused while draining has done nothing.
  app.use('*', refuseWhileDraining(deps.drain));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      xFrameOptions: 'DENY',
      xContentTypeOptions: 'nosniff',
      referrerPolicy: 'no-referrer',
      strictTransportSecurity: deps.env.TRUST_PROXY_TLS ? 'max-age=63072000; includeSubDomains' : false,
      crossOriginResourcePolicy: 'same-origin',
    }),
  );
  if (deps.env.CORS_ORIGINS.length > 0) {
    app.use(
      '*',
      cors({
        origin: deps.env.CORS_ORIGINS,
        credentials: true,
        allowHeaders: [
          'Authorization',
          'Content-Type',
          'Idempotency-Key',
          'Accept-Language',
          'X-Request-Id',
          'Last-Event-ID',
        ],
        exposeHeaders: [
          'Location',
          'X-Request-Id',
          'Retry-After',
          'RateLimit',
          'RateLimit-Policy',
          'ETag',
          'Content-Disposition',
        ],
        maxAge: 600,
      }),
    );
  }
  app.use('*', rejectDuplicateQueryParams);
  // JSON and CSV compress well; PDFs, PNGs and XLSX (already zipped) are left alone.
  app.use('/v1/*', compressAnswers({ threshold: 1024 }));
  app.use('/openapi.json', compressAnswers({ threshold: 1024 }));
  app.onError((err, c) => problemResponse(err, c, deps.logger));
  app.notFound((c) => problemResponse(new AppError('not_found'), c, deps.logger));

  app.route('/', healthRoutes(deps));
  let document: OpenApiDocument | undefined;
  app.route(
    '/',
    docsRoutes(() => (document ??= openApiDocument(app, deps.env.SERVICE_VERSION))),
  );
  if (deps.env.ENABLE_BULL_BOARD) app.route('/admin/queues', bullBoardRoutes(deps, '/admin/queues'));

  const v1 = router();
  v1.use('*', requireAuth(deps), requestLimits(deps.rateLimits));
  v1.route('/plans', planRoutes(deps));
  v1.route('/legend-mappings', legendMappingRoutes(deps));
  v1.route('/', agentRoutes(deps));
  v1.route('/', agentRunEventRoutes(deps));
  v1.route('/', agentOrchestrationRoutes(deps));
  v1.route('/', planEventRoutes(deps));
  v1.route('/', usageRoutes(deps));
  v1.route('/calculations', calculationRoutes(deps));
  v1.route('/rules', ruleRoutes());
  v1.route('/knowledge', knowledgeRoutes(deps));
  v1.route('/boms', bomRoutes(deps));
  v1.route('/comparisons', comparisonRoutes(deps));
  v1.route('/catalogs', catalogRoutes(deps));
  v1.route('/admin', adminRoutes(deps));
  v1.route('/admin', failedJobRoutes(deps));
  app.route('/v1', v1);
  // The MCP server (Streamable HTTP): same keys as /v1; each tool checks its route's scope.
  const mcp = router();
  mcp.use('*', requireAuth(deps));
  mcp.route('/', mcpRoutes(deps));
  app.route('/mcp', mcp);
  // The estimators' console (static build of apps/console), with SPA fallback for its own paths.
  app.route('/', consoleRoutes());
  return app;
}
export type GatewayApp = ReturnType<typeof createApp>;
