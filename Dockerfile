# Rungs sync server. Build: docker build -t rungs .   Run: docker run -p 8787:8787 -v rungs-data:/data rungs
# With PostgreSQL: docker compose up (compose.yaml). Deployment guide: docs/deploy.md.
# test/ops/dockerfile.test.ts runs these steps outside a container: keep RUN steps to the ones it knows.

# 1. Build: dependencies (better-sqlite3 compiles from source when no prebuilt binary fits: hence the toolchain),
#    then the server bundled to plain JavaScript in dist/server, then the dev dependencies dropped.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json ./
COPY shared ./shared
COPY sync-server ./sync-server
RUN npm run build:server
RUN npm prune --omit=dev

# 2. Run: Node, the production dependencies and the built files only, as the unprivileged `node` user.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    RUNGS_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/server ./dist/server
# The embedded store (when DATABASE_URL is not set) lives in this volume, writable by the server's user.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8787) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
