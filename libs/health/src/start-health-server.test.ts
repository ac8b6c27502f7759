import { startHealthServer, type HealthServer } from './start-health-server';

describe('startHealthServer', () => {
  let server: HealthServer;
  afterEach(() => server.close());

  it('answers /healthz at once, and /readyz 503 "starting" until the role gives its checks', async () => {
    server = await startHealthServer({ port: 0 });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const starting = await fetch(`${server.url}/readyz`);
    expect(starting.status).toBe(503);
    expect(starting.headers.get('content-type')).toBe('application/problem+json');
    expect(await starting.json()).toMatchObject({ status: 503, code: 'not_ready', detail: 'not ready: startup (still starting)' });
    server.setChecks({ redis: async () => undefined, postgres: async () => undefined });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { redis: { ok: true }, postgres: { ok: true } } });
  });

  it('names each failing check, and fails one that does not answer in time', async () => {
    server = await startHealthServer({
      port: 0,
      checkTimeoutMs: 50,
      checks: {
        redis: async () => {
          throw new Error('Redis is not connected (reconnecting)');
        },
        postgres: () => new Promise(() => undefined),
        disk: async () => undefined,
      },
    });
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.detail).toBe('not ready: redis (Redis is not connected (reconnecting)); postgres (no answer within 50 ms)');
    expect(body.checks.disk.ok).toBe(true);
  });

  it('serves /metrics only when given, and refuses other paths and methods with problems', async () => {
    server = await startHealthServer({ port: 0, metrics: async () => ({ contentType: 'text/plain; version=0.0.4', body: 'jobgate_up 1\n' }) });
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4');
    expect(await metrics.text()).toBe('jobgate_up 1\n');
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`, { method: 'POST' })).status).toBe(405);
    await server.close();
    server = await startHealthServer({ port: 0 });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });
});
