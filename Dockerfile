# syntax=docker/dockerfile:1.7
# One image per service: docker build --build-arg SERVICE=gateway|worker-pdf|worker-agents|worker-bom .
# Node 24 LTS on Alpine, production dependencies only (pnpm deploy), non-root, with a healthcheck.
# The build stage compiles TypeScript to JavaScript (`pnpm build`'s per-package step,
# tooling/build); the runtime stage runs `node dist/main.js`: no tsx, no compiler, no bundling at
# start-up. Every image also carries scripts/migrate.js (`node scripts/migrate.js`: the Kubernetes
# migration Job; the services migrate at start anyway, under an advisory lock) and scripts/saeq.js
# (the key CLI: `docker compose exec gateway node scripts/saeq.js keys list`).
ARG NODE_IMAGE=node:24-alpine
# Global so that the runtime stage can start from the service's own environment stage below.
ARG SERVICE

FROM ${NODE_IMAGE} AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH
RUN npm install -g pnpm@10.34.9 && apk add --no-cache libc6-compat

FROM base AS build
ARG SERVICE
WORKDIR /src
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
# pdfjs-dist's stream cap is a pnpm patch (patchedDependencies): the install applies it.
COPY patches ./patches
COPY tooling ./tooling
COPY packages ./packages
COPY services ./services
COPY apps ./apps
COPY scripts/migrate.ts scripts/saeq.ts ./scripts/
# Build: each package of the service's graph compiles its src/ to dist/ (esbuild, source maps),
# then the two scripts. `pnpm deploy --legacy` copies each workspace dependency whole, dist/
# included (packages/shared keeps its drizzle/ migrations folder next to dist/, where the db
# client looks for it), with production dependencies only: tsx and esbuild stay in this stage.
RUN --mount=type=cache,id=pnpm,target=/pnpm/store \
    test -n "${SERVICE}" \
 && pnpm install --frozen-lockfile --filter "@saeq/${SERVICE}..." \
 && pnpm --filter "@saeq/${SERVICE}..." run build \
 && node tooling/build/build.mjs . --src scripts --out scripts/dist --entries migrate.ts,saeq.ts \
 && pnpm deploy --filter "@saeq/${SERVICE}" --prod --legacy /out \
 && rm -rf /out/src /out/test \
 && mkdir -p /out/scripts && cp scripts/dist/migrate.js scripts/dist/saeq.js scripts/dist/*.map /out/scripts/ \
 && test -f /out/dist/main.js && test -d /out/node_modules/@saeq/shared/drizzle \
 && test -f /out/node_modules/@saeq/shared/dist/index.js \
 && ! test -e /out/node_modules/tsx \
 && mkdir -p /console-dist \
 && if [ "${SERVICE}" = gateway ]; then \
      pnpm install --frozen-lockfile --filter "@saeq/console..." \
      && pnpm --filter @saeq/console build && cp -r apps/console/dist/. /console-dist/; \
    fi

# Environment of one service's runtime, chosen by `--build-arg SERVICE` (BuildKit builds only the
# stage the runtime stage starts from).
FROM ${NODE_IMAGE} AS env-gateway
FROM ${NODE_IMAGE} AS env-worker-agents
FROM ${NODE_IMAGE} AS env-worker-bom
FROM ${NODE_IMAGE} AS env-worker-pdf
# glibc: a fixed mmap threshold gives the 0.5-2 MiB buffers of an analysis back to the system when
# freed (peak RSS of a 50-page plan 297 -> 259 MB, docs/benchmarks.md, issue 20), as
# scripts/start-services.ts does for `pnpm start`. musl (this Alpine image) ignores the variable and
# unmaps such blocks anyway; it matters when NODE_IMAGE is a glibc one (node:24-slim).
ENV MALLOC_MMAP_THRESHOLD_=131072

FROM env-${SERVICE} AS runtime
ARG SERVICE
ARG SERVICE_VERSION=0.1.0
LABEL org.opencontainers.image.title="saeq-${SERVICE}" \
      org.opencontainers.image.version="${SERVICE_VERSION}"
# `@saeq/compiled`: workspace packages resolve to their dist/ (package.json `exports`; without it,
# to their TypeScript sources). In NODE_OPTIONS too, so `docker exec … node scripts/saeq.js` works.
ENV NODE_ENV=production SERVICE=${SERVICE} SERVICE_VERSION=${SERVICE_VERSION} \
    DATA_DIR=/data PORT=3000 METRICS_PORT=9100 NODE_OPTIONS=--conditions=@saeq/compiled
RUN apk add --no-cache tini && mkdir -p /data && chown node:node /data
WORKDIR /app
# Code owned by root and read-only for the service user; only /data (and /tmp: worker-pdf's OCR
# language links) are writable, so the container also runs with a read-only root filesystem.
COPY --from=build /out ./
# The gateway serves the console from /apps/console/dist (dist/routes/console.js resolves it there).
COPY --from=build /console-dist /apps/console/dist
USER node
EXPOSE 3000 9100
# Gateway answers /health on PORT; workers on METRICS_PORT (busybox wget).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD if [ "$SERVICE" = gateway ]; then wget -qO- "http://127.0.0.1:${PORT}/health"; else wget -qO- "http://127.0.0.1:${METRICS_PORT}/health"; fi >/dev/null || exit 1
ENTRYPOINT ["/sbin/tini", "--"]
# Compiled JavaScript; stack traces point at the TypeScript sources through the source maps.
CMD ["node", "--conditions=@saeq/compiled", "--enable-source-maps", "dist/main.js"]
