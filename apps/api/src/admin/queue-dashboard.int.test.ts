import request from 'supertest';
import { createLogger } from '@jobgate/logging';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { buildApp } from '../app';
import { ADMIN_COOKIE, AdminSessions } from './admin-session';
import { queueDashboard } from './queue-dashboard';
import { testServices, uniqueName } from '../../../../test/support/services';

const KEY = 'admin-test-key-0123456789';
const OLD_KEY = 'rotated-out-key-0123456789';

describe('/admin/queues: bull-board behind the API keys (real Redis)', () => {
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });
  const queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
  const app = buildApp({
    auth: { apiKeys: [KEY], disabled: false },
    lifecycle: {} as never,
    logger: createLogger({ level: 'silent' }),
    queueDashboard: queueDashboard({ queues: [queues.submit, queues.webhook] }),
  });
  beforeAll(() => queues.enqueueSubmit({ jobId: 'queued-1' }));
  afterAll(async () => {
    await queues.submit.obliterate({ force: true });
    await queues.close();
    await redis.quit();
  });

  it('refuses the page and its API without a key, or with a wrong one, as 401 problems', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const res = await request(app).get(path);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('missing_api_key');
    }
    expect((await request(app).get('/admin/queues').set('Authorization', 'Bearer wrong-key-0000000000')).body.code).toBe('invalid_api_key');
    expect((await request(app).get('/admin/queues?api_key=wrong-key-0000000000')).status).toBe(401);
  });

  it('serves the dashboard and its queue data to a Bearer key (curl), read-only', async () => {
    const page = await request(app).get('/admin/queues').set('Authorization', `Bearer ${KEY}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<base href="/admin/queues/"');
    expect(page.headers['x-powered-by']).toBeUndefined();
    const api = await request(app).get('/admin/queues/api/queues').set('Authorization', `Bearer ${KEY}`);
    expect(api.status).toBe(200);
    const submit = api.body.queues.find((q: { name: string }) => q.name === 'submit');
    expect(submit).toMatchObject({ readOnlyMode: true, counts: expect.objectContaining({ waiting: 1 }) });
  });

  it('swaps ?api_key= for an HttpOnly SameSite=Strict cookie and a redirect that drops the key', async () => {
    const res = await request(app).get('/admin/queues?api_key=' + KEY + '&tab=latest');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/queues?tab=latest');
    const cookie = (res.headers['set-cookie'] as unknown as string[])[0]!;
    expect(cookie).toMatch(new RegExp(`^${ADMIN_COOKIE}=\\d+\\.[A-Za-z0-9_-]{43}; Max-Age=43200; Path=/admin/queues; Expires=.+; HttpOnly; SameSite=Strict$`));
    expect(cookie).not.toContain(KEY);
    const value = cookie.split(';')[0]!;
    expect((await request(app).get('/admin/queues/api/queues').set('Cookie', value)).status).toBe(200);
    const tampered = value.replace(/\.(.)/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`);
    expect((await request(app).get('/admin/queues/api/queues').set('Cookie', tampered)).status).toBe(401);
  });

  it('ends sessions when they expire or their key is rotated out', () => {
    let now = 1_000_000;
    const sessions = new AdminSessions([KEY, OLD_KEY], () => now);
    const current = sessions.issue(KEY);
    const old = sessions.issue(OLD_KEY);
    expect(sessions.verify(current) && sessions.verify(old)).toBe(true);
    expect(new AdminSessions([KEY], () => now).verify(old)).toBe(false);
    now += 12 * 3600;
    expect(sessions.verify(current)).toBe(false);
    expect(sessions.verify(undefined) || sessions.verify('1.x') || sessions.verify(`${now + 60}.${'A'.repeat(43)}`)).toBe(false);
  });
});
