/**
 * A real PgBouncer in transaction pooling mode (what managed PostgreSQL offerings put in front), in
 * front of the test PostgreSQL: server connections are shared between clients transaction by
 * transaction, so anything that leans on session state breaks through it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './throwaway-redis';

const PGBOUNCER = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';

export interface PgBouncerOptions {
  /** The PostgreSQL to pool (postgres://user@host:port/database); trust authentication is assumed. */
  databaseUrl: string;
  /** Where PgBouncer listens; a free port when absent. */
  port?: number;
  /** Server connections per database and user (default_pool_size); default 20. */
  poolSize?: number;
  /** Clients must speak TLS (client_tls_sslmode = require), with a self-signed certificate for 127.0.0.1. */
  tls?: boolean;
}

export interface RunningPgBouncer {
  /** The same database as `databaseUrl`, through PgBouncer. */
  url: string;
  /** Stops PgBouncer (every client and server connection dies) and starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** With `tls`: the PEM file of PgBouncer's certificate (its own CA), for `sslrootcert=`. */
  caFile?: string;
}

export async function startPgBouncer(options: PgBouncerOptions): Promise<RunningPgBouncer> {
  const target = new URL(options.databaseUrl);
  const port = options.port ?? (await freePort());
  const user = decodeURIComponent(target.username || 'postgres');
  const dir = mkdtempSync(join(tmpdir(), 'jobgate-pgbouncer-'));
  // PgBouncer refuses to run as root; it then runs as `postgres` and must be able to read its files.
  chmodSync(dir, 0o755);
  const ini = join(dir, 'pgbouncer.ini');
  const users = join(dir, 'userlist.txt');
  writeFileSync(users, `"${user}" ""\n`, { mode: 0o644 });
  const caFile = join(dir, 'server.crt');
  if (options.tls) {
    const key = join(dir, 'server.key');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        caFile,
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      {
        stdio: 'ignore',
      },
    );
    chmodSync(key, 0o644); // read by the postgres user; a throwaway key in a throwaway directory
  }
  writeFileSync(
    ini,
    [
      '[databases]',
      // Any database name the client asks for, on the same server.
      `* = host=${target.hostname} port=${target.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${users}`,
      'pool_mode = transaction',
      'max_client_conn = 2000',
      `default_pool_size = ${options.poolSize ?? 20}`,
      'reserve_pool_size = 0',
      // A server connection goes back to the pool after each transaction: no session to reset.
      'server_reset_query =',
      'log_connections = 0',
      'log_disconnections = 0',
      'log_pooler_errors = 1',
      ...(options.tls ? ['client_tls_sslmode = require', `client_tls_key_file = ${join(dir, 'server.key')}`, `client_tls_cert_file = ${caFile}`] : []),
      '',
    ].join('\n'),
    { mode: 0o644 },
  );

  let child: ChildProcess | null = null;
  let output = '';
  const start = async (): Promise<void> => {
    const args = process.getuid?.() === 0 ? ['-u', 'postgres', ini] : [ini];
    const spawned = spawn(PGBOUNCER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = spawned;
    output = '';
    spawned.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    spawned.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      spawned.once('exit', (code) => reject(new Error(`pgbouncer exited with ${code}: ${output.trim().slice(-2_000)}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([waitUntilAnswering(options.tls ? `${url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(caFile)}` : url), exited]);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const gone = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await gone;
  };

  const through = new URL(options.databaseUrl);
  through.hostname = '127.0.0.1';
  through.port = String(port);
  const url = through.toString();
  try {
    await start();
  } catch (err) {
    await stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    caFile: options.tls ? caFile : undefined,
    async restart() {
      await stop();
      await start();
    },
    async stop() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Until a query goes through PgBouncer to PostgreSQL (PgBouncer listens a moment after it starts). */
async function waitUntilAnswering(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`PgBouncer at ${url} did not answer: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
