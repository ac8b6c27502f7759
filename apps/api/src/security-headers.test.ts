import request from 'supertest';
import { createLogger } from '@jobgate/logging';
import { buildApp } from './app';

const app = buildApp({
  auth: { apiKeys: ['headers-test-key-0123456789'], disabled: false },
  lifecycle: {} as never,
  logger: createLogger({ level: 'silent' }),
});

describe('security headers (helmet)', () => {
  it.each(['/v1/jobs', '/healthz', '/openapi.json', '/docs/', '/no-such-route'])('are on every answer: %s', async (path) => {
    const res = await request(app).get(path);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps pages to this origin: scripts, styles and fonts from self only, no forced upgrade to HTTPS', async () => {
    const csp = (await request(app).get('/docs/')).headers['content-security-policy'] as string;
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives['font-src']).toEqual(["'self'", 'data:']);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['upgrade-insecure-requests']).toBeUndefined();
  });
});
