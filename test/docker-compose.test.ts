/**
 * docker-compose.yml without a Docker engine: checked against the Compose Specification schema and
 * dclint's error rules, then read the way `docker compose config` reads it (merge keys, `${VAR…}`
 * interpolation, env_file under environment) to check what the stack promises: restarts, start-up
 * gated on health, Redis and PostgreSQL not published, no committed key, and an environment that
 * jobgate's own configuration check accepts. Where the compose plugin exists, `docker compose config`
 * runs too.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DCLinter } from 'dclint';
import { parse as parseEnv } from 'dotenv';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '@jobgate/config';

const ROOT = join(__dirname, '..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const API_KEYS = 'compose-test-key-0123456789abcdef';

type Service = {
  restart?: string;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  env_file?: string[];
};

/** The file as `docker compose config` sees it with `env` as the shell's environment. */
function composed(env: Record<string, string>): { services: Record<string, Service> } {
  const raw = parseYaml(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as unknown;
  return interpolate(raw, env) as { services: Record<string, Service> };
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema and breaks no dclint error rule', async () => {
    const linter = new DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] });
    const results = linter.lintFiles([COMPOSE_FILE], false);
    expect(results).toHaveLength(1);
    if (results[0]!.errorCount > 0) throw new Error(await linter.formatResults(results, 'stylish'));
    expect(results[0]!.errorCount).toBe(0);
  });

  it('commits no API key: it refuses to run without API_KEYS, naming it', () => {
    expect(() => composed({})).toThrow(/API_KEYS: set API_KEYS to one or more/);
    const envFile = parseEnv(readFileSync(join(ROOT, '.env.compose'), 'utf8'));
    for (const secret of ['API_KEYS', 'WEBHOOK_SECRET', 'MODELARTS_SK', 'IAM_PASSWORD']) expect(envFile[secret]).toBeUndefined();
  });

  it("gives every role an environment that jobgate's configuration check accepts", () => {
    const { services } = composed({ API_KEYS });
    for (const role of ['api', 'worker', 'poller']) {
      const service = services[role]!;
      const fromFiles = Object.assign({}, ...(service.env_file ?? []).map((f) => parseEnv(readFileSync(join(ROOT, f), 'utf8'))));
      const result = loadConfig({ ...fromFiles, ...service.environment });
      expect({ role, problems: result.ok ? [] : result.problems }).toEqual({ role, problems: [] });
      expect(result.ok && result.config.apiKeys).toEqual([API_KEYS]);
    }
  });

  it('restarts every service and starts the roles only once what they need is healthy', () => {
    const { services } = composed({ API_KEYS });
    for (const [name, service] of Object.entries(services)) {
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
      expect({ name, healthcheck: Array.isArray(service.healthcheck?.test) }).toEqual({ name, healthcheck: true });
    }
    for (const role of ['api', 'worker', 'poller']) {
      expect(services[role]!.depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        simulator: { condition: 'service_healthy' },
      });
    }
  });

  it('publishes no Redis or PostgreSQL port, and binds what it publishes to the loopback address', () => {
    const { services } = composed({ API_KEYS });
    expect(services.redis!.ports).toBeUndefined();
    expect(services.postgres!.ports).toBeUndefined();
    const published = Object.values(services).flatMap((s) => s.ports ?? []);
    expect(published.sort()).toEqual(['127.0.0.1:8080:8080', '127.0.0.1:8900:8900']);
  });

  const compose = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  (compose.status === 0 ? it : it.skip)('passes docker compose config (when the compose plugin is installed)', () => {
    const result = spawnSync('docker', ['compose', '-f', COMPOSE_FILE, 'config', '--quiet'], { encoding: 'utf8', env: { ...process.env, API_KEYS } });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });
});

/**
 * Compose's interpolation of every string: `$$` is a `$`; `${VAR}` and `$VAR`; `${VAR:-default}`
 * (unset or empty) and `${VAR-default}` (unset); `${VAR:?message}` and `${VAR?message}` fail;
 * `${VAR:+other}` and `${VAR+other}`.
 */
function interpolate(value: unknown, env: Record<string, string>): unknown {
  if (typeof value === 'string') return interpolateString(value, env);
  if (Array.isArray(value)) return value.map((v) => interpolate(v, env));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env)]));
  return value;
}

function interpolateString(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$(\$|[A-Za-z_][A-Za-z0-9_]*|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])([^}]*))?\})/g,
    (_match, whole: string, braced?: string, colon?: string, op?: string, arg?: string) => {
      if (whole === '$') return '$';
      const name = braced ?? whole;
      const set = env[name] !== undefined && (colon !== ':' || env[name] !== '');
      if (op === '-') return set ? env[name]! : arg!;
      if (op === '+') return set ? arg! : '';
      if (op === '?') {
        if (!set) throw new Error(`${name}: ${arg}`);
        return env[name]!;
      }
      return env[name] ?? '';
    },
  );
}
