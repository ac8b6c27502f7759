import { Writable } from 'node:stream';
import { createLogger, stripUrlCredentials } from './create-logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('redacts authorization headers, secrets and credentials in URLs on real output', () => {
    const { lines, destination } = capture();
    const log = createLogger({ role: 'api', destination, level: 'debug' });
    log.info({ req: { headers: { authorization: 'Bearer sekrit-key-123' } } }, 'request');
    log.info({ config: { password: 'pw-123', sk: 'SK-SECRET', webhookSecret: 'whsec_abc' } }, 'config');
    log.warn('cannot reach redis://default:hunter2@10.0.0.1:6379');
    log.debug(
      {
        config: {
          modelarts: { kind: 'aksk', ak: 'AK-ID-1', sk: 'SK-DEEP', iam: { password: 'iam-pw-9' } },
          redisCluster: { password: 'cluster-pw-4' },
          apiKeys: ['key-0123456789abcdef'],
        },
      },
      'configuration',
    );
    log.info({ req: { headers: { cookie: 'jobgate_admin=sess-xyz' }, query: { api_key: 'query-key-456' } } }, 'admin');
    const text = lines.join('\n');
    expect(text).not.toContain('sekrit-key-123');
    expect(text).not.toContain('pw-123');
    expect(text).not.toContain('SK-SECRET');
    expect(text).not.toContain('whsec_abc');
    expect(text).not.toContain('hunter2');
    for (const secret of ['AK-ID-1', 'SK-DEEP', 'iam-pw-9', 'cluster-pw-4', 'key-0123456789abcdef', 'sess-xyz', 'query-key-456'])
      expect(text).not.toContain(secret);
    expect(text).toContain('"kind":"aksk"');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', role: 'api', msg: 'request' });
  });

  it('strips passwords from URLs', () => {
    expect(stripUrlCredentials('postgres://u:p@h/db and redis://:x@r')).toBe('postgres://u:[redacted]@h/db and redis://:[redacted]@r');
  });
});
