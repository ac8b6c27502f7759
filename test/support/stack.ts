/**
 * Starts jobgate's real processes (built `dist/main.js` of each role) against a simulator process,
 * on the real Redis and PostgreSQL, each stack isolated by its own schema and queue prefix.
 * Logs of every process go to test-output/<stack>/<role>-<n>.log for post-mortems.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createPool, quoteIdent } from '@jobgate/store';
import { createRedis, isCluster, type RedisClient } from '@jobgate/queues';
import { testRedisCluster, testServices, uniqueName } from './services';

export type Role = 'api' | 'worker' | 'poller';

export interface StackOptions {
  /** Extra environment for every jobgate role (SUBMIT_RATE_LIMIT, MAX_ACTIVE_JOBS, …). */
  env?: Record<string, string>;
  /** Simulator environment (SIM_FAULTS, SIM_RUNNING_MS, …). */
  simEnv?: Record<string, string>;
  /** Roles to start and how many of each; default one api and one worker. */
  roles?: Partial<Record<Role, number>>;
  /** Redis of this stack alone (a fault test restarts it); default the shared test Redis. */
  redisUrl?: string;
  /**
   * A Redis Cluster for every role (REDIS_CLUSTER_NODES, `host:port,…`) instead of a single Redis;
   * default the REDIS_CLUSTER_NODES of the test process, so a whole suite can run on a cluster.
   */
  redisClusterNodes?: string;
  /** PostgreSQL database of this stack alone (a fault test cuts its connections); default the shared test database. */
  databaseUrl?: string;
  /** Send `api()` calls to every live api process in turn (a load balancer), not only the newest one. */
  spreadApiCalls?: boolean;
}

export interface RoleProcess {
  role: Role;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
}

/** The repository root, whether this file runs from test/support (jest) or a compiled copy (bench). */
const ROOT = findRoot(__dirname);

function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'apps')) && existsSync(join(dir, 'libs'))) return dir;
  }
  throw new Error(`cannot find the repository root above ${from}`);
}
export const TEST_API_KEY = 'e2e-test-key-0123456789abcdef';
const SIM_AK = 'E2EACCESSKEY0000';
const SIM_SK = 'e2e-secret-key-0123456789';
/** The AK/SK the stack's simulator accepts, for tests that call ModelArts directly. */
export const SIM_CREDENTIALS = { ak: SIM_AK, sk: SIM_SK };

export class Stack {
  readonly name = uniqueName('e2e');
  readonly schema = this.name;
  /** QUEUE_PREFIX of the roles: the name, as a hash tag on a cluster. */
  readonly prefix: string;
  readonly processes: RoleProcess[] = [];
  simUrl = '';
  apiUrl = '';
  /** Base URLs of the api processes not killed through `kill()`. */
  private readonly apiUrls = new Map<RoleProcess, string>();
  private nextApi = 0;
  private simProcess: ChildProcess | null = null;
  private readonly logDir = join(ROOT, 'test-output', this.name);
  private counter = 0;

  constructor(private readonly options: StackOptions = {}) {
    mkdirSync(this.logDir, { recursive: true });
    this.prefix = this.clusterNodes ? `{${this.name}}` : this.name;
  }

  private get clusterNodes(): string | undefined {
    return this.options.redisClusterNodes ?? (process.env.REDIS_CLUSTER_NODES || undefined);
  }

  /** Environment of a jobgate role in this stack. */
  roleEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const { redisUrl, databaseUrl } = this.services();
    return {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: '0',
      ...(this.clusterNodes ? { REDIS_CLUSTER_NODES: this.clusterNodes } : { REDIS_URL: redisUrl }),
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: this.schema,
      QUEUE_PREFIX: this.prefix,
      API_KEYS: TEST_API_KEY,
      MODELARTS_ENDPOINT: this.simUrl,
      MODELARTS_PROJECT_ID: 'e2e-project',
      MODELARTS_AK: SIM_AK,
      MODELARTS_SK: SIM_SK,
      POLL_INTERVAL_MS: '500',
      LOG_LEVEL: 'debug',
      // Tests and benchmarks send far more than a client would; the rate limit has tests of its own.
      API_RATE_LIMIT: '0',
      ...this.options.env,
      ...extra,
    };
  }

  async start(): Promise<this> {
    await this.startSimulator();
    const roles = this.options.roles ?? { api: 1, worker: 1 };
    for (const role of ['worker', 'poller', 'api'] as Role[]) {
      for (let i = 0; i < (roles[role] ?? 0); i++) await this.startRole(role);
    }
    return this;
  }

  async startSimulator(): Promise<void> {
    const child = spawn(process.execPath, [join(ROOT, 'apps/simulator/dist/main.js')], {
      env: { PATH: process.env.PATH, SIM_PORT: '0', SIM_PROJECT_ID: 'e2e-project', SIM_AK, SIM_SK, ...this.options.simEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.simProcess = child;
    const line = await this.waitForLine(child, 'simulator', /"msg":"simulator listening"/);
    this.simUrl = JSON.parse(line).url;
  }

  /** Starts one more process of a role and waits until it is ready. */
  async startRole(role: Role, extraEnv: Record<string, string> = {}): Promise<RoleProcess> {
    // cwd: the log directory, so a developer's own .env in the repository never reaches a test role.
    const child = spawn(process.execPath, [join(ROOT, `apps/${role}/dist/main.js`)], {
      cwd: this.logDir,
      env: this.roleEnv(extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
    const proc = { role, child, exited };
    this.processes.push(proc);
    const ready = { api: /"msg":"api listening"/, worker: /"msg":"worker started"/, poller: /"msg":"poller started"/ }[role];
    const line = await this.waitForLine(child, role, ready);
    if (role === 'api') {
      this.apiUrl = JSON.parse(line).url;
      this.apiUrls.set(proc, this.apiUrl);
    }
    return proc;
  }

  /** Sends a signal and waits for the process to exit. */
  async kill(proc: RoleProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | string> {
    proc.child.kill(signal);
    this.apiUrls.delete(proc);
    return proc.exited;
  }

  /** Calls the jobgate API with the test key. */
  async api(
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await fetch(this.pickApiUrl() + path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }

  private pickApiUrl(): string {
    const urls = [...this.apiUrls.values()];
    if (!this.options.spreadApiCalls || urls.length === 0) return this.apiUrl;
    return urls[this.nextApi++ % urls.length]!;
  }

  /** Calls the simulator's control API (`/__sim/...`). */
  async sim(path: string, init: { method?: string; body?: unknown } = {}): Promise<any> {
    const res = await fetch(`${this.simUrl}/__sim${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return text ? JSON.parse(text) : null;
  }

  /** Stops every process (SIGTERM, then SIGKILL) and drops the schema and queue keys. */
  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => terminate(p.child)));
    if (this.simProcess) await terminate(this.simProcess);
    const { databaseUrl } = this.services();
    const pool = createPool({ url: databaseUrl, max: 1 });
    await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(this.schema)} CASCADE`).catch(() => undefined);
    await pool.end();
    const redis = this.redis();
    try {
      // A cluster client knows its masters only once it has loaded the slot map; a Redis a fault test left down is skipped.
      if (redis.status !== 'ready') await new Promise((resolve, reject) => (redis.once('ready', resolve), setTimeout(reject, 5_000)));
      // KEYS answers for one node only: on a cluster every master is asked (the keys share one slot, so one holds them).
      for (const node of isCluster(redis) ? redis.nodes('master') : [redis]) {
        const keys = await node.keys(`${this.prefix}:*`);
        for (let i = 0; i < keys.length; i += 500) await node.del(...keys.slice(i, i + 500));
      }
    } catch {
      // Nothing to clean where Redis is gone.
    } finally {
      redis.disconnect();
    }
  }

  /** A connection to this stack's Redis (its cluster, when it runs on one), through the lib's factory. */
  private redis(): RedisClient {
    return createRedis({ url: this.services().redisUrl, cluster: testRedisCluster(this.clusterNodes), role: 'producer' });
  }

  /** This stack's own Redis / database when given, the shared test servers otherwise. */
  private services(): { redisUrl: string; databaseUrl: string } {
    const { redisUrl, databaseUrl } = this.options;
    if (redisUrl && databaseUrl) return { redisUrl, databaseUrl };
    const shared = testServices();
    return { redisUrl: redisUrl ?? shared.redisUrl, databaseUrl: databaseUrl ?? shared.databaseUrl };
  }

  private waitForLine(child: ChildProcess, role: string, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const log = createWriteStream(join(this.logDir, `${role}-${this.counter++}.log`));
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    return new Promise((resolve, reject) => {
      let buffer = '';
      const timer = setTimeout(() => reject(new Error(`${role} did not become ready in ${timeoutMs} ms (see ${this.logDir})`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        buffer += chunk.toString();
        const line = buffer.split('\n').find((l) => pattern.test(l));
        if (line) {
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          resolve(line);
        }
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${role} exited with ${code} before it was ready (see ${this.logDir})`));
      });
    });
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Polls `check` until it returns a truthy value or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? 'a condition'}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 200));
  }
}
