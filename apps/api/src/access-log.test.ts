import express from 'express';
import request from 'supertest';
import { ValidationError } from '@jobgate/errors';
import { createLogger } from '@jobgate/logging';
import type { AnsweredRequest } from './access-log';
import { buildApp } from './app';

/** Every answered request is reported with its route template, never the raw path (metrics labels). */
describe('access log: answered requests by route template', () => {
  const answered: AnsweredRequest[] = [];
  const things = express.Router();
  things.get('/', (_req, res) => void res.json({ items: [] }));
  things.get('/:id', (req, res) => {
    // An error leaves the router for the app's error handler, which answers after the router has
    // restored req.baseUrl: the template must still be the full one.
    if (req.params.id === 'bad') throw new ValidationError([{ path: 'id', message: 'is bad' }]);
    res.json({ id: req.params.id });
  });
  const app = buildApp({
    auth: { apiKeys: [], disabled: true },
    lifecycle: {} as never,
    logger: createLogger({ level: 'silent' }),
    extraRoutes: [{ path: '/things', router: things }],
    onAnswered: (r) => answered.push(r),
  });
  const last = () => answered[answered.length - 1];

  beforeEach(() => {
    answered.length = 0;
  });

  it('names the matched route with its mount path and parameters', async () => {
    await request(app).get('/v1/things/abc-123').expect(200);
    expect(last()).toMatchObject({ method: 'GET', route: '/v1/things/:id', status: 200 });
    expect(last()!.durationMs).toBeGreaterThan(0);
    await request(app).get('/v1/things').expect(200);
    expect(last()).toMatchObject({ route: '/v1/things', status: 200 });
  });

  it('keeps the template when an error handler answers', async () => {
    await request(app).get('/v1/things/bad').expect(400);
    expect(last()).toMatchObject({ method: 'GET', route: '/v1/things/:id', status: 400 });
  });

  it('folds unknown paths into one label, and mounted handlers into their mount', async () => {
    await request(app).get('/no/such/path/42').expect(404);
    expect(last()).toMatchObject({ route: 'unmatched', status: 404 });
    await request(app).get('/healthz').expect(200);
    expect(last()).toMatchObject({ route: '/healthz', status: 200 });
    await request(app).get('/docs/swagger-ui.css').expect(200);
    expect(last()).toMatchObject({ route: '/docs/*', status: 200 });
  });
});
