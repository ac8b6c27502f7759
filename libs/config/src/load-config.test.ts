import { loadConfig } from './load-config';

const KEY = 'k'.repeat(32);

describe('loadConfig', () => {
  it('applies defaults and runs against the simulator when no endpoint is set', () => {
    const result = loadConfig({ API_KEYS: KEY });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.modelarts).toEqual({ kind: 'simulator', projectId: 'sim-project' });
    expect(result.config.webhookRetryScheduleSec).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(result.config.apiKeys).toEqual([KEY]);
    expect([result.config.modelartsReadRateLimit, result.config.modelartsCatalogRefreshMs]).toEqual([5, 300_000]);
    expect(Object.isFrozen(result.config)).toBe(true);
  });

  it('lists every problem at once and never prints a value', () => {
    const result = loadConfig({
      PORT: 'eighty',
      SUBMIT_RATE_LIMIT: '0',
      MODELARTS_READ_RATE_LIMIT: '0',
      WEBHOOK_SECRET: 'hunter2-secret-value',
      MODELARTS_ENDPOINT: 'https://modelarts.example.com',
      MODELARTS_SK: 'super-secret-sk',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.join('\n');
    for (const name of ['PORT', 'SUBMIT_RATE_LIMIT', 'MODELARTS_READ_RATE_LIMIT', 'WEBHOOK_SECRET', 'MODELARTS_PROJECT_ID', 'MODELARTS_AK', 'API_KEYS']) {
      expect(text).toContain(name);
    }
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('super-secret-sk');
  });

  it('refuses to start without API keys unless auth is explicitly disabled', () => {
    expect(loadConfig({}).ok).toBe(false);
    expect(loadConfig({ AUTH_DISABLED: 'true' }).ok).toBe(true);
    expect(loadConfig({ API_KEYS: 'short' }).ok).toBe(false);
  });

  it('listens on every interface with keys, and on loopback only with authentication off', () => {
    expect(loadConfig({ API_KEYS: KEY })).toMatchObject({ ok: true, config: { listenHost: null, authDisabled: false } });
    expect(loadConfig({ AUTH_DISABLED: 'true' })).toMatchObject({ ok: true, config: { listenHost: '127.0.0.1', authDisabled: true } });
  });

  it('allows authentication off only with the built-in simulator, never in front of a real ModelArts', () => {
    const real = { MODELARTS_ENDPOINT: 'https://ma.example.com', MODELARTS_PROJECT_ID: 'p1', MODELARTS_AK: 'AK', MODELARTS_SK: 'SK' };
    const off = loadConfig({ ...real, AUTH_DISABLED: 'true' });
    expect(off).toEqual({ ok: false, problems: [expect.stringMatching(/^AUTH_DISABLED: authentication can be off only with the built-in simulator/)] });
    const noKeys = loadConfig(real);
    expect(noKeys).toEqual({ ok: false, problems: [expect.stringMatching(/^API_KEYS: required with MODELARTS_ENDPOINT/)] });
    expect(loadConfig({ ...real, API_KEYS: KEY }).ok).toBe(true);
  });

  it('builds AK/SK and IAM token ModelArts settings', () => {
    const aksk = loadConfig({
      API_KEYS: KEY,
      MODELARTS_ENDPOINT: 'https://ma.example.com',
      MODELARTS_PROJECT_ID: 'p1',
      MODELARTS_AK: 'AK',
      MODELARTS_SK: 'SK',
    });
    expect(aksk.ok && aksk.config.modelarts).toEqual({ kind: 'aksk', endpoint: 'https://ma.example.com', projectId: 'p1', ak: 'AK', sk: 'SK' });
    const token = loadConfig({
      API_KEYS: KEY,
      MODELARTS_ENDPOINT: 'https://ma.example.com',
      MODELARTS_PROJECT_ID: 'p1',
      IAM_ENDPOINT: 'https://iam.example.com',
      IAM_USERNAME: 'u',
      IAM_PASSWORD: 'pw',
      IAM_DOMAIN_NAME: 'd',
    });
    expect(token.ok && token.config.modelarts.kind).toBe('token');
    const partial = loadConfig({ API_KEYS: KEY, MODELARTS_ENDPOINT: 'https://ma.example.com', MODELARTS_PROJECT_ID: 'p1', IAM_USERNAME: 'u' });
    expect(partial.ok).toBe(false);
    if (!partial.ok) expect(partial.problems.join('\n')).toMatch(/IAM_PASSWORD[\s\S]*IAM_DOMAIN_NAME|IAM_ENDPOINT/);
  });

  it('requires WEBHOOK_SECRET when a default webhook receiver is configured', () => {
    const unsigned = loadConfig({ API_KEYS: KEY, WEBHOOK_URL: 'https://hooks.example.com/jobgate' });
    expect(unsigned.ok).toBe(false);
    if (!unsigned.ok) expect(unsigned.problems.some((p) => p.startsWith('WEBHOOK_SECRET'))).toBe(true);
    const signed = loadConfig({ API_KEYS: KEY, WEBHOOK_URL: 'https://hooks.example.com/jobgate', WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
    expect(signed.ok).toBe(true);
  });

  it('reads the operating settings: rate limit, metrics switch, shutdown deadline, health port', () => {
    const defaults = loadConfig({ API_KEYS: KEY });
    expect(defaults.ok && defaults.config).toMatchObject({ apiRateLimitPerMinute: 600, metricsEnabled: true, shutdownTimeoutMs: 25_000, healthPort: null });
    const set = loadConfig({ API_KEYS: KEY, API_RATE_LIMIT: '0', METRICS_ENABLED: 'false', SHUTDOWN_TIMEOUT_MS: '5000', HEALTH_PORT: '9464' });
    expect(set.ok && set.config).toMatchObject({ apiRateLimitPerMinute: 0, metricsEnabled: false, shutdownTimeoutMs: 5_000, healthPort: 9464 });
    const bad = loadConfig({ API_KEYS: KEY, API_RATE_LIMIT: '-1', METRICS_ENABLED: 'maybe', SHUTDOWN_TIMEOUT_MS: '10', HEALTH_PORT: '70000' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      for (const name of ['API_RATE_LIMIT', 'METRICS_ENABLED', 'SHUTDOWN_TIMEOUT_MS', 'HEALTH_PORT'])
        expect(bad.problems.some((p) => p.startsWith(name))).toBe(true);
    }
  });

  it('checks the webhook retry schedule and CIDR list', () => {
    const bad = loadConfig({ API_KEYS: KEY, WEBHOOK_RETRY_SCHEDULE: '5,abc', WEBHOOK_ALLOWED_CIDRS: '10.0.0.0/8,nonsense' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems.some((p) => p.startsWith('WEBHOOK_RETRY_SCHEDULE'))).toBe(true);
      expect(bad.problems.some((p) => p.includes('nonsense'))).toBe(true);
    }
    const good = loadConfig({ API_KEYS: KEY, WEBHOOK_RETRY_SCHEDULE: '1, 2,3', WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8' });
    expect(good.ok && good.config.webhookRetryScheduleSec).toEqual([1, 2, 3]);
  });
  describe('Redis Cluster settings', () => {
    const problems = (env: Record<string, string>) => {
      const result = loadConfig({ API_KEYS: KEY, ...env });
      return result.ok ? [] : result.problems;
    };

    it('reads the nodes, credentials and TLS, and tags the default prefix', () => {
      const result = loadConfig({
        API_KEYS: KEY,
        REDIS_CLUSTER_NODES: 'redis-a:7000, 10.0.0.2:7001,[::1]:7002',
        REDIS_USERNAME: 'jobgate',
        REDIS_PASSWORD: 'pw-secret',
        REDIS_TLS: 'true',
        REDIS_TLS_CA_FILE: '/etc/ca.pem',
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.config.redisCluster).toEqual({
        nodes: [
          { host: 'redis-a', port: 7000 },
          { host: '10.0.0.2', port: 7001 },
          { host: '::1', port: 7002 },
        ],
        username: 'jobgate',
        password: 'pw-secret',
        tls: { caFile: '/etc/ca.pem' },
      });
      expect(result.config.queuePrefix).toBe('{jobgate}');
      expect(result.config.redisTlsCaFile).toBeNull();
    });

    it('keeps a single server, untagged, without REDIS_CLUSTER_NODES', () => {
      const result = loadConfig({ API_KEYS: KEY, REDIS_URL: 'rediss://:pw@redis:6380', REDIS_TLS_CA_FILE: '/ca.pem' });
      expect(result.ok && [result.config.redisCluster, result.config.queuePrefix, result.config.redisTlsCaFile]).toEqual([null, 'jobgate', '/ca.pem']);
    });

    it('accepts a hash tag in QUEUE_PREFIX and refuses a malformed one', () => {
      expect(problems({ QUEUE_PREFIX: '{team-a}' })).toEqual([]);
      expect(problems({ QUEUE_PREFIX: 'jg:{team-a}', REDIS_CLUSTER_NODES: 'r:7000' })).toEqual([]);
      for (const bad of ['{}', '{a}{b}', 'a{b', 'a}b', '{a b}']) expect(problems({ QUEUE_PREFIX: bad }).join()).toContain('QUEUE_PREFIX');
    });

    it('refuses a cluster prefix without a hash tag, and mixed or stray settings, naming the variable', () => {
      expect(problems({ REDIS_CLUSTER_NODES: 'r:7000', QUEUE_PREFIX: 'jobgate' }).join()).toContain(
        'QUEUE_PREFIX: on a Redis Cluster it must carry a hash tag',
      );
      expect(problems({ REDIS_CLUSTER_NODES: 'r:7000', REDIS_URL: 'redis://r:6379' }).join()).toContain('REDIS_URL');
      expect(problems({ REDIS_CLUSTER_NODES: 'r:70000' }).join()).toContain('REDIS_CLUSTER_NODES');
      expect(problems({ REDIS_CLUSTER_NODES: 'r' }).join()).toContain('REDIS_CLUSTER_NODES');
      expect(problems({ REDIS_PASSWORD: 'pw-secret' }).join()).toContain('REDIS_PASSWORD: only used with REDIS_CLUSTER_NODES');
      expect(problems({ REDIS_PASSWORD: 'pw-secret' }).join()).not.toContain('pw-secret');
      expect(problems({ REDIS_TLS_CA_FILE: '/ca.pem' }).join()).toContain('REDIS_TLS_CA_FILE');
      expect(problems({ REDIS_TLS: 'false' })).toEqual([]);
      expect(problems({ REDIS_TLS: 'true' }).join()).toContain('REDIS_TLS: only used with REDIS_CLUSTER_NODES');
      expect(problems({ REDIS_CLUSTER_NODES: 'r:7000', REDIS_TLS_CA_FILE: '/ca.pem' }).join()).toContain('REDIS_TLS_CA_FILE: needs REDIS_TLS=true');
    });
  });
});
