# syntax=docker/dockerfile:1.7
# One image per service: docker build --build-arg SERVICE=gateway|worker-pdf|worker-agents|worker-bom .
# Node 24 LTS on Alpine, production dependencies only (pnpm deploy), non-root, with a healthcheck.
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
# Internal packages ship TypeScript sources (no build step); tsx runs them in the container too.
RUN --mount=type=cache,id=pnpm,target=/pnpm/store \
    pnpm install --frozen-lockfile --filter "@saeq/${SERVICE}..." \
 && pnpm deploy --filter "@saeq/${SERVICE}" --prod --legacy /out \
 && cp -r packages/shared/drizzle /out/drizzle

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production SERVICE=${SERVICE} DATA_DIR=/data PORT=3000 METRICS_PORT=9100
RUN apk add --no-cache tini wget && mkdir -p /data && chown node:node /data
WORKDIR /app
COPY --from=deploy --chown=node:node /out ./
USER node
EXPOSE 3000 9100
# Gateway answers /health on PORT; workers on METRICS_PORT.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD if [ "$SERVICE" = gateway ]; then wget -qO- "http://127.0.0.1:${PORT}/health"; else wget -qO- "http://127.0.0.1:${METRICS_PORT}/health"; fi >/dev/null || exit 1
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["node", "--import", "tsx", "src/main.ts"]
