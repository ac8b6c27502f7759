import type { Express } from 'express';
import { startApi } from '@jobgate/api';
import { loadConfig } from '@jobgate/config';
import { createLogger } from '@jobgate/logging';
import { freshDatabase } from './fresh-database';
import { testServices, uniqueName } from './services';

/** `METHOD /path` of every route in the app start-api builds (metrics on), walked from its router stack, in OpenAPI's `{id}` form. */
export async function registeredRoutes(): Promise<string[]> {
  const db = await freshDatabase();
  const loaded = loadConfig({
    ...testServices(),
    DATABASE_URL: db.url,
    DATABASE_SCHEMA: db.schema,
    QUEUE_PREFIX: uniqueName('q'),
    API_KEYS: 'client-drift-key-0123456789',
    METRICS_ENABLED: 'true',
    PORT: '0',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const api = await startApi(loaded.config, createLogger({ level: 'silent' }));
  try {
    const app = api.server.listeners('request')[0] as Express & { router: RouterLike };
    return walk(app.router, '');
  } finally {
    await api.close();
    await db.drop();
  }
}

interface RouterLike {
  stack: { rawPath?: unknown; route?: { path: string; methods: Record<string, boolean> }; handle: Partial<RouterLike> }[];
}

function walk(router: RouterLike, prefix: string): string[] {
  return router.stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');
      return Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${path}`);
    }
    if (!Array.isArray(layer.handle.stack)) return [];
    const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
    return walk(layer.handle as RouterLike, `${prefix}${mount}`);
  });
}
