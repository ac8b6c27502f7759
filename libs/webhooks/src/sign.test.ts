import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { decodeWebhookSecret, signWebhook } from './sign';

const secret = `whsec_${randomBytes(32).toString('base64')}`;

describe('signWebhook', () => {
  it('produces headers that the standardwebhooks reference library verifies', () => {
    const body = JSON.stringify({ type: 'job.succeeded', timestamp: new Date().toISOString(), data: { id: 'x', note: 'ünïcode ✓' } });
    const headers = signWebhook({ id: 'msg_abc', timestampSec: Date.now() / 1000, body, secret });
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('matches the reference implementation byte for byte', () => {
    const at = new Date(1_700_000_000_000);
    const ours = signWebhook({ id: 'msg_1', timestampSec: at.getTime() / 1000, body: '{"a":1}', secret });
    expect(ours['webhook-signature']).toBe(new Webhook(secret).sign('msg_1', at, '{"a":1}'));
    expect(ours['webhook-timestamp']).toBe('1700000000');
  });

  it('fails verification when one byte of the body or the id changes', () => {
    const headers = signWebhook({ id: 'msg_2', timestampSec: Date.now() / 1000, body: '{"a":1}', secret });
    expect(() => new Webhook(secret).verify('{"a":2}', { ...headers })).toThrow();
    expect(() => new Webhook(secret).verify('{"a":1}', { ...headers, 'webhook-id': 'msg_3' })).toThrow();
  });

  it('refuses a secret too short or not base64', () => {
    expect(() => decodeWebhookSecret('whsec_c2hvcnQ=')).toThrow(/at least 12 bytes/);
    expect(() => decodeWebhookSecret('whsec_not base64 at all!!')).toThrow();
    expect(decodeWebhookSecret(secret)).toHaveLength(32);
  });
});
