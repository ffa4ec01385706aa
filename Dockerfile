# Production image: builds the app, then runs migrations and `next start`.
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json .npmrc ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build

FROM node:20.20.2-bookworm-slim
# pdftoppm renders the safe copies of PDFs that staff download.
RUN apt-get update && apt-get install -y --no-install-recommends poppler-utils && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000
COPY --from=build /app ./
USER node
EXPOSE 3000
# DATABASE_URL, APP_SECRET, SESSION_SECRET and DATA_ENCRYPTION_KEY come from the environment (docker-compose.yml).
# scripts/start.mjs migrates, seeds and serves the build; it starts even while PostgreSQL is down.
CMD ["node", "scripts/start.mjs"]
