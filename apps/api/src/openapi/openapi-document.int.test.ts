import express from 'express';
import { loadConfig } from '@jobgate/config';
import { contractSchemas } from '@jobgate/contracts';
import { createLogger } from '@jobgate/logging';
import { startApi } from '../start-api';
import { freshDatabase } from '../../../../test/support/fresh-database';
import { testServices, uniqueName } from '../../../../test/support/services';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** `METHOD /v1/...` of every route in the routers that startApi mounts under /v1, in OpenAPI's `{id}` form. */
async function mountedV1Routes(): Promise<string[]> {
  const mounts: { path: string; router: { stack?: RouteLayer[] } }[] = [];
  const originalUse = express.application.use;
  const use = jest.spyOn(express.application, 'use').mockImplementation(function (this: express.Express, ...args: unknown[]) {
    if (typeof args[0] === 'string' && args[0].startsWith('/v1/')) for (const h of args.slice(1)) mounts.push({ path: args[0], router: h as never });
    return Reflect.apply(originalUse, this, args);
  });
  const db = await freshDatabase();
  const loaded = loadConfig({
    ...testServices(),
    DATABASE_URL: db.url,
    DATABASE_SCHEMA: db.schema,
    QUEUE_PREFIX: uniqueName('q'),
    API_KEYS: 'openapi-key-0123456789',
    PORT: '0',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const api = await startApi(loaded.config, createLogger({ level: 'silent' }));
  use.mockRestore();
  await api.close();
  await db.drop();
  return mounts.flatMap(({ path, router }) =>
    (router.stack ?? []).flatMap((layer) =>
      Object.keys(layer.route?.methods ?? {}).map(
        (method) => `${method.toUpperCase()} ${`${path}${layer.route!.path}`.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '')}`,
      ),
    ),
  );
}

describe('GET /openapi.json: the document against the app that start-api builds', () => {
  it('documents every /v1 route mounted, and no route that is not', async () => {
    const { openApiDocument } = await import('./openapi-document');
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    const mounted = await mountedV1Routes();
    expect(mounted.length).toBeGreaterThanOrEqual(12);
    expect([...new Set(mounted)].sort()).toEqual(documented.sort());
  });

  it('publishes the DTO schemas generated from validation, and every $ref resolves', async () => {
    const { openApiDocument } = await import('./openapi-document');
    const doc = openApiDocument() as { components: { schemas: Record<string, unknown>; responses: Record<string, unknown> } };
    for (const [name, schema] of Object.entries(contractSchemas())) expect(doc.components.schemas[name]).toEqual(schema);
    for (const [, pointer] of JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)) {
      const target = pointer!.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect([pointer, target !== undefined]).toEqual([pointer, true]);
    }
  });
});
