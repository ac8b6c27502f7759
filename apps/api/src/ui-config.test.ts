import request from 'supertest';
import { createLogger } from '@jobgate/logging';
import { buildApp } from './app';

const appWith = (options: { disabled: boolean; defaultWebhookReceiver?: boolean }) =>
  buildApp({
    auth: { apiKeys: options.disabled ? [] : ['ui-config-test-key-0123456789'], disabled: options.disabled },
    lifecycle: {} as never,
    logger: createLogger({ level: 'silent' }),
    defaultWebhookReceiver: options.defaultWebhookReceiver,
  });

/** What the dashboard learns before it has a key: whether it needs one, and whether events have a default receiver. */
describe('GET /ui/config.json', () => {
  it('tells the dashboard that no key is needed when authentication is off', async () => {
    const res = await request(appWith({ disabled: true }))
      .get('/ui/config.json')
      .expect(200);
    expect(res.body).toEqual({ auth_required: false, default_webhook_receiver: false });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('is public with keys configured, and says only whether WEBHOOK_URL is set, never the URL', async () => {
    const res = await request(appWith({ disabled: false, defaultWebhookReceiver: true }))
      .get('/ui/config.json')
      .expect(200);
    expect(res.body).toEqual({ auth_required: true, default_webhook_receiver: true });
  });
});
