import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '@jobgate/api';
import { JOB_STATUSES, WEBHOOK_EVENTS } from '@jobgate/contracts';
import { jobEventType } from '@jobgate/store';
import { registeredRoutes } from './support/registered-routes';

const ROOT = join(__dirname, '..');
type Doc = { paths: Record<string, Record<string, { operationId?: string }>>; webhooks: Record<string, unknown> };

/**
 * Routes the app registers that are not jobgate's API: the dashboard's own (its index.html for client-side
 * routes and /ui/config.json, both for the page the api serves), documented in README.md "Dashboard".
 */
const NOT_API = /^GET \/ui\//;

describe('@jobgate/client against the api: the document, the routes and the generated files agree', () => {
  it('the committed openapi.json and src/schema.ts are what `npm run generate:client` writes from the api now', async () => {
    const files = renderClientFiles(openApiDocument());
    expect(Object.keys(files).sort()).toEqual(['libs/client/openapi.json', 'libs/client/src/schema.ts']);
    for (const [path, text] of Object.entries(files)) {
      // A failure here: run `npm run generate:client` and commit what it writes.
      expect([path, readFileSync(join(ROOT, path), 'utf8') === text]).toEqual([path, true]);
    }
  });

  it('every route the built app registers is an operation of the document, and every operation a route', async () => {
    const registered = await registeredRoutes();
    const api = registered.filter((route) => !NOT_API.test(route));
    const doc = openApiDocument() as Doc;
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(api.length).toBeGreaterThanOrEqual(30);
    expect(registered.filter((route) => NOT_API.test(route)).length).toBe(2);
    expect([...new Set(api)].sort()).toEqual([...documented].sort());
  });

  it('every operation has a unique operationId', () => {
    const doc = openApiDocument() as Doc;
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every success answer but a 204 has a schema, a record of @jobgate/contracts for every JSON one under /v1', () => {
    const doc = openApiDocument() as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>>;
    };
    const answers = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        Object.entries(operation.responses)
          .filter(([status]) => status.startsWith('2') && status !== '204')
          .map(([status, response]) => ({
            what: `${method} ${path} ${status}`,
            path,
            json: response.content?.['application/json']?.schema,
            any: response.content,
          })),
      ),
    );
    expect(answers.length).toBeGreaterThanOrEqual(35);
    expect(answers.filter((answer) => answer.any === undefined).map((answer) => answer.what)).toEqual([]);
    const v1 = answers.filter((answer) => answer.path.startsWith('/v1/'));
    expect(v1.filter((answer) => !answer.json?.$ref?.startsWith('#/components/schemas/')).map((answer) => answer.what)).toEqual([]);
  });

  it('documents every webhook event type the store records, and no other', () => {
    const doc = openApiDocument() as Doc;
    const recorded = new Set<string>(JOB_STATUSES.map(jobEventType).filter((type): type is NonNullable<typeof type> => type !== null));
    recorded.add('sweep.completed'); // webhook-event.repository.ts recordForSweep
    expect(Object.keys(doc.webhooks).sort()).toEqual([...recorded].sort());
    expect(Object.keys(WEBHOOK_EVENTS).sort()).toEqual([...recorded].sort());
  });
});

/** What `npm run generate:client` would write for `document` (scripts/generate-client.js --render). */
function renderClientFiles(document: unknown): Record<string, string> {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/generate-client.js'), '--render'], { input: JSON.stringify(document), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`generate-client --render failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, string>;
}
