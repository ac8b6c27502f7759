import { contractSchemas } from '@jobgate/contracts';
import { registeredRoutes } from '../../../../test/support/registered-routes';

/** `METHOD /v1/...` of every route the app start-api builds registers under /v1, in OpenAPI's `{id}` form. */
async function mountedV1Routes(): Promise<string[]> {
  return (await registeredRoutes()).filter((route) => / \/v1\//.test(route));
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
