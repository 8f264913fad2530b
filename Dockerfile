# syntax=docker/dockerfile:1.7
# One image per service: docker build --build-arg SERVICE=gateway|worker-pdf|worker-agents|worker-bom .
# Node 24 LTS on Alpine, production dependencies only (pnpm deploy), non-root, with a healthcheck.
# Every image also carries scripts/migrate.ts (`node --import tsx scripts/migrate.ts`: the Kubernetes
# migration Job; the services migrate at start anyway, under an advisory lock) and scripts/saeq.ts
# (the key CLI: `docker compose exec gateway node --import tsx scripts/saeq.ts keys list`).
ARG NODE_IMAGE=node:24-alpine

FROM ${NODE_IMAGE} AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH
RUN npm install -g pnpm@10.34.9 && apk add --no-cache libc6-compat

FROM base AS deploy
ARG SERVICE
WORKDIR /src
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
COPY packages ./packages
COPY services ./services
COPY apps ./apps
COPY scripts/migrate.ts scripts/saeq.ts ./scripts/
# Internal packages ship TypeScript sources (no build step); tsx runs them in the container too.
# `pnpm deploy --legacy` copies each workspace dependency whole (packages/shared keeps its drizzle/
# migrations folder next to src/, where the db client looks for it).
RUN --mount=type=cache,id=pnpm,target=/pnpm/store \
    test -n "${SERVICE}" \
 && pnpm install --frozen-lockfile --filter "@saeq/${SERVICE}..." \
 && pnpm deploy --filter "@saeq/${SERVICE}" --prod --legacy /out \
 && mkdir -p /out/scripts && cp scripts/migrate.ts scripts/saeq.ts /out/scripts/ \
 && test -d /out/node_modules/@saeq/shared/drizzle \
 && mkdir -p /console-dist \
 && if [ "${SERVICE}" = gateway ]; then \
      pnpm install --frozen-lockfile --filter "@saeq/console..." \
      && pnpm --filter @saeq/console build && cp -r apps/console/dist/. /console-dist/; \
    fi

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG SERVICE_VERSION=0.1.0
LABEL org.opencontainers.image.title="saeq-${SERVICE}" \
      org.opencontainers.image.version="${SERVICE_VERSION}"
ENV NODE_ENV=production SERVICE=${SERVICE} SERVICE_VERSION=${SERVICE_VERSION} \
    DATA_DIR=/data PORT=3000 METRICS_PORT=9100
RUN apk add --no-cache tini && mkdir -p /data && chown node:node /data
WORKDIR /app
# Code owned by root and read-only for the service user; only /data (and /tmp, where tsx keeps its
# compile cache) are writable, so the container also runs with a read-only root filesystem.
COPY --from=deploy /out ./
# The gateway serves the console from /apps/console/dist (src/routes/console.ts resolves it there).
COPY --from=deploy /console-dist /apps/console/dist
USER node
EXPOSE 3000 9100
# Gateway answers /health on PORT; workers on METRICS_PORT (busybox wget).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD if [ "$SERVICE" = gateway ]; then wget -qO- "http://127.0.0.1:${PORT}/health"; else wget -qO- "http://127.0.0.1:${METRICS_PORT}/health"; fi >/dev/null || exit 1
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["node", "--import", "tsx", "src/main.ts"]
