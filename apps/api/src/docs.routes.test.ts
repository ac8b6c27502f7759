import request from 'supertest';
import { createLogger } from '@jobgate/logging';
import { buildApp } from './app';

// The docs routes never reach the lifecycle.
const app = buildApp({ auth: { apiKeys: ['docs-test-key-0123456789'], disabled: false }, lifecycle: {} as never, logger: createLogger({ level: 'silent' }) });

describe('GET /openapi.json and /docs', () => {
  it("serves an OpenAPI 3.1 document without a key, whose training job schema is the DTO's", async () => {
    const res = await request(app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/v1/jobs', '/v1/jobs/{id}', '/v1/sweeps', '/v1/sweeps/{id}/cancel', '/v1/deliveries/{id}/redeliver']),
    );
    const schemas = res.body.components.schemas;
    expect(schemas.TrainingJobDto.properties.job_name).toEqual({ type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
    expect(res.body.paths['/v1/jobs'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateJobRequestDto' });
    expect(res.body.paths['/v1/jobs'].post.responses['400']).toEqual({ $ref: '#/components/responses/400' });
    expect(res.body.components.responses['429'].headers['Retry-After']).toBeDefined();
    expect(res.body.security).toEqual([{ apiKey: [] }]);
    expect(res.body.paths['/readyz'].get.security).toEqual([]);
  });

  it('serves Swagger UI from this server: its page, scripts and init pointing at /openapi.json', async () => {
    const redirect = await request(app).get('/docs');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/docs/');
    const page = await request(app).get('/docs/');
    expect(page.status).toBe(200);
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['./swagger-ui-bundle.js', './swagger-ui-standalone-preset.js', './swagger-ui-init.js']);
    expect(page.text).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    const bundle = await request(app).get('/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    const init = await request(app).get('/docs/swagger-ui-init.js');
    expect(init.text).toContain('"url": "/openapi.json"');
  });
});
