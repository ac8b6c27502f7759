/**
 * A PostgreSQL database of one fault scenario alone (`fault_<random>` on the test server), so the
 * scenario can cut every connection to it without touching any other test's sessions.
 */
import { Client } from 'pg';
import { quoteIdent } from '@jobgate/store';
import { testServices, uniqueName } from '../../support/services';

export class ScratchDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly adminUrl: string,
  ) {}

  static async create(): Promise<ScratchDatabase> {
    const adminUrl = testServices().databaseUrl;
    const name = uniqueName('fault');
    await withAdmin(adminUrl, (db) => db.query(`CREATE DATABASE ${quoteIdent(name)}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return new ScratchDatabase(name, url.toString(), adminUrl);
  }

  /** Kills every session on this database (what a failover or a proxy restart does); returns how many. */
  async terminateBackends(): Promise<number> {
    return withAdmin(this.adminUrl, async (db) => {
      const { rows } = await db.query('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
        this.name,
      ]);
      return rows.filter((r) => r.ok).length;
    });
  }

  /** FORCE: a process that outlived its stack must not keep the database alive. */
  async drop(): Promise<void> {
    await withAdmin(this.adminUrl, (db) => db.query(`DROP DATABASE IF EXISTS ${quoteIdent(this.name)} WITH (FORCE)`));
  }
}

async function withAdmin<T>(url: string, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}
