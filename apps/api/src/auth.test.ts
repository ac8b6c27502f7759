import request from 'supertest';
import { createLogger } from '@jobgate/logging';
import { buildApp } from './app';
import { AuthFailureLimit, type AuthFailure } from './auth-failures';

const OPERATOR_KEY = 'auth-test-operator-key-0123456789';

/** The api with a team-key lookup that only counts its calls (it is PostgreSQL in production). */
function appWith(limit: AuthFailureLimit) {
  const lookups: string[] = [];
  const failures: AuthFailure[] = [];
  const lifecycle = { teams: { authenticate: async (key: string) => (lookups.push(key), null) }, reporting: { authenticateReporter: async () => null } };
  const app = buildApp({
    auth: { apiKeys: [OPERATOR_KEY], disabled: false },
    lifecycle: lifecycle as never,
    logger: createLogger({ level: 'silent' }),
    authFailureLimit: limit,
    onAuthFailure: (failure) => failures.push(failure),
  });
  return { app, lookups, failures };
}

describe('authentication before the body, failures counted per address', () => {
  it('refuses a request without a valid key before reading its body: malformed JSON and wrong types get 401, not 400 or 415', async () => {
    const { app } = appWith(new AuthFailureLimit());
    const malformed = await request(app).post('/v1/jobs').set('Content-Type', 'application/json').send('{"training_job": ');
    expect(malformed.status).toBe(401);
    expect(malformed.body.code).toBe('missing_api_key');
    const text = await request(app).post('/v1/jobs').set('Authorization', 'Bearer jg_wrong').set('Content-Type', 'text/plain').send('x');
    expect(text.status).toBe(401);
    expect(text.body.code).toBe('invalid_api_key');
    // With a key, the body is read: the same malformed JSON is a 400.
    expect(
      (await request(app).post('/v1/jobs').set('Authorization', `Bearer ${OPERATOR_KEY}`).set('Content-Type', 'application/json').send('{"training_job": '))
        .status,
    ).toBe(400);
  });

  it('after 20 failures in a minute an address gets 429 with Retry-After, without a key lookup; operator keys still pass; the window ends', async () => {
    let now = 1_000_000;
    const { app, lookups, failures } = appWith(new AuthFailureLimit({ maxFailures: 20, windowMs: 60_000, now: () => now }));
    for (let i = 0; i < 20; i++) expect((await request(app).get('/v1/jobs').set('Authorization', `Bearer jg_guess${i}`)).status).toBe(401);
    expect(lookups).toHaveLength(20);
    const blocked = await request(app).get('/v1/jobs').set('Authorization', 'Bearer jg_guess20');
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ code: 'too_many_failed_authentications', retry_after_sec: 60 });
    expect(blocked.headers['retry-after']).toBe('60');
    expect(lookups).toHaveLength(20); // no lookup for the blocked guess
    expect(failures).toEqual([...Array<AuthFailure>(20).fill('invalid_api_key'), 'blocked']);
    const operator = await request(app).get('/v1/no-such-route').set('Authorization', `Bearer ${OPERATOR_KEY}`);
    expect(operator.status).toBe(404); // authenticated, then no route
    now += 60_000;
    expect((await request(app).get('/v1/jobs')).status).toBe(401);
    expect(failures.at(-1)).toBe('missing_api_key');
  });
});

describe('AuthFailureLimit', () => {
  it('keeps at most maxAddresses windows, dropping the oldest', () => {
    const limit = new AuthFailureLimit({ maxFailures: 1, maxAddresses: 2, now: () => 0 });
    expect(limit.fail('a')).toBe(true);
    limit.fail('b');
    limit.fail('c');
    expect(limit.retryAfterSec('a')).toBe(0);
    expect(limit.retryAfterSec('c')).toBe(60);
  });
});
