FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig*.json ./
COPY libs ./libs
COPY apps ./apps
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app ./
USER node
# 8080: the api (PORT); 9464: /healthz, /readyz and /metrics of a worker or poller given HEALTH_PORT=9464.
EXPOSE 8080 9464
CMD ["node", "apps/api/dist/main.js"]
