# The bot as a container image: docker build -t tickets-bot .
# Run it with its settings in the environment, or secrets as mounted files (SLACK_BOT_TOKEN_FILE
# and the like); see docs/deployment.md. test/production/dockerfile.test.ts runs these same steps.

ARG NODE_VERSION=26

# Build: every dependency (esbuild among them), then the bundle in dist/.
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# Run: production dependencies only, the built JavaScript, an unprivileged user.
FROM node:${NODE_VERSION}-slim
ENV NODE_ENV=production LOG_FORMAT=json HEALTH_PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The SQLite store's default place (./data/tickets.db): a volume the unprivileged user can write.
# With DATABASE_URL (PostgreSQL) it stays empty.
RUN mkdir -p data && chown node:node data
VOLUME /app/data
USER node
# 3000: Slack's requests in HTTP mode (PORT); 8080: /healthz and /readyz in Socket Mode.
EXPOSE 3000 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "dist/healthcheck.js"]
# node itself is PID 1: it drains answers in flight on SIGTERM (docker stop) and exits 0.
CMD ["node", "dist/main.js"]
