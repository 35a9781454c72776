# Giga Chat: one image for every app process. Build with `docker build -t giga-chat .`
# (or `docker compose build`). Three stages: dependencies, the production build, and a
# slim runtime that holds only what `node dist/server.mjs` needs.

# --- dependencies -----------------------------------------------------------------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# npm 11 runs a dependency's install script only when package.json approves it
# (`allowScripts`); npm 10, which node:20 ships, would run them all. Every native part
# (sharp's libvips, esbuild, Next's SWC) comes as a prebuilt package from the npm
# registry: nothing is downloaded from anywhere else.
RUN npm install -g npm@11 --no-audit --no-fund
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund

# --- build ------------------------------------------------------------------------------
FROM deps AS build
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime ----------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
COPY --from=build /app/package.json /app/next.config.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/.next ./.next
COPY --from=build /app/public ./public
# DATA_DIR: the embedded database (one process only), files on disk, temp uploads, and the
# generated secrets when none are given. With PostgreSQL and S3 it holds only temp files.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
# The image's own unprivileged user (uid 1000).
USER node
EXPOSE 3000
# Alive: answers 200 while the process serves (readiness, with its dependencies, is /api/ready).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop) shuts the server down cleanly; give it `stop_grace_period`.
CMD ["node", "--enable-source-maps", "dist/server.mjs"]
