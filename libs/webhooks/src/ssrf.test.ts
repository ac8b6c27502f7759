import { SsrfPolicy } from './ssrf';
import { vetWebhookUrl } from './guarded-lookup';

const strict = new SsrfPolicy();
const local = new SsrfPolicy({ allowedCidrs: ['127.0.0.0/8', '10.0.0.0/8', 'fd12::/16'] });

describe('SsrfPolicy.checkAddress', () => {
  it.each([
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['169.254.1.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['::ffff:169.254.169.254', 'metadata'],
  ])('always refuses %s (%s), even with allowed CIDRs', (address, why) => {
    const everything = new SsrfPolicy({ allowedCidrs: ['0.0.0.0/0', '::/0', '169.254.0.0/16'] });
    for (const policy of [strict, everything]) {
      const verdict = policy.checkAddress(address);
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.reason).toMatch(why === 'metadata' ? /metadata/ : new RegExp(why));
    }
  });

  it.each([
    ['127.0.0.1', true],
    ['::1', false],
    ['10.1.2.3', true],
    ['192.168.1.1', false],
    ['172.16.0.1', false],
    ['100.64.0.1', false],
    ['fd12::5', true],
    ['fc00::1', false],
    // IPv4 inside IPv6 is judged by the IPv4 address.
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:192.168.0.1', false],
    ['64:ff9b::7f00:1', true],
    ['2002:c0a8:0101::1', false],
    ['::127.0.0.1', true],
  ])('non-public %s is allowed only inside WEBHOOK_ALLOWED_CIDRS (allowed there: %s)', (address, allowedByLocal) => {
    expect(strict.checkAddress(address).ok).toBe(false);
    expect(local.checkAddress(address).ok).toBe(allowedByLocal);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows public %s', (address) => {
    expect(strict.checkAddress(address).ok).toBe(true);
  });
});

describe('SsrfPolicy.checkUrl', () => {
  it.each([
    ['ftp://example.com/x', /scheme ftp:/],
    ['file:///etc/passwd', /scheme file:/],
    ['gopher://example.com/', /scheme gopher:/],
    ['javascript:alert(1)', /scheme/],
    ['not a url', /not a valid URL/],
    ['http://metadata.google.internal/computeMetadata/v1/', /metadata/],
    ['http://169.254.169.254/latest/meta-data/', /metadata/],
    ['http://[fd00:ec2::254]/', /metadata/],
    ['http://[::ffff:127.0.0.1]:8080/', /loopback/],
    ['http://2130706433/', /loopback/],
    ['http://0x7f.1/', /loopback/],
    ['http://127.1/', /loopback/],
  ])('refuses %s', (url, reason) => {
    const verdict = strict.checkUrl(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it('accepts http(s) URLs with names (checked again after DNS) and allowed literals', () => {
    expect(strict.checkUrl('https://hooks.example.com/jobgate').ok).toBe(true);
    expect(local.checkUrl('http://127.0.0.1:9000/hook').ok).toBe(true);
    expect(local.checkUrl('http://[::ffff:127.0.0.1]:9000/hook').ok).toBe(true);
  });
});

describe('vetWebhookUrl (intake)', () => {
  const resolveTo =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('refuses a name when any of its addresses is refused', async () => {
    expect(await vetWebhookUrl('https://a.example/', strict, resolveTo('8.8.8.8'))).toEqual({ ok: true });
    const mixed = await vetWebhookUrl('https://a.example/', strict, resolveTo('8.8.8.8', '169.254.169.254'));
    expect(mixed).toMatchObject({
      ok: false,
      reason: 'host a.example is not allowed: it must resolve to addresses webhooks may reach',
      detail: expect.stringMatching(/metadata/),
    });
    if (!mixed.ok) expect(mixed.reason).not.toMatch(/169\.254/);
    expect((await vetWebhookUrl('http://localhost:1/', strict, resolveTo('127.0.0.1', '::1'))).ok).toBe(false);
    expect((await vetWebhookUrl('http://localhost:1/', local, resolveTo('127.0.0.1'))).ok).toBe(true);
  });

  it('refuses a name that does not resolve', async () => {
    const failing = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    };
    // The same answer as a name that resolves to a refused address: no oracle for internal names.
    expect(await vetWebhookUrl('https://nowhere.invalid/', strict, failing)).toMatchObject({
      ok: false,
      reason: 'host nowhere.invalid is not allowed: it must resolve to addresses webhooks may reach',
      detail: expect.stringMatching(/ENOTFOUND/),
    });
  });
});
