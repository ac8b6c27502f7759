import { randomUUID } from 'node:crypto';
import { createPool, quoteIdent } from './create-pool';
import { listMigrations, migrate, pendingMigrations } from './migrate';
import { Store } from './store';
import { tables } from './tables';
import { startPgBouncer, type RunningPgBouncer } from '../../../test/support/pgbouncer';
import { testServices, uniqueName } from '../../../test/support/services';

const body = (name: string) => ({ job_name: name, config: { algorithm: { id: 'algo-1' } } }) as never;

/** jobgate behind PgBouncer in transaction pooling mode: nothing may depend on a session. */
describe('through PgBouncer (transaction pooling)', () => {
  let bouncer: RunningPgBouncer;
  const schemas: string[] = [];

  beforeAll(async () => {
    // Two server connections for every client pool: a session setting would leak between them.
    bouncer = await startPgBouncer({ databaseUrl: testServices().databaseUrl, poolSize: 2 });
  });
  afterAll(async () => {
    const admin = createPool({ url: testServices().databaseUrl, max: 1 });
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await admin.end();
    await bouncer.stop();
  });

  it('migrates once when four processes start together', async () => {
    const schema = uniqueName('t');
    schemas.push(schema);
    const pools = Array.from({ length: 4 }, () => createPool({ url: bouncer.url, max: 2 }));
    try {
      const applied = await Promise.all(pools.map((pool) => migrate(pool, schema)));
      const all = listMigrations().map((m) => m.version);
      expect(applied.flat().sort((a, b) => a - b)).toEqual(all);
      const { rows } = await pools[0]!.query<{ version: number; n: number }>(
        `SELECT version, count(*)::int AS n FROM ${tables(schema).schema_migrations} GROUP BY version ORDER BY version`,
      );
      expect(rows).toEqual(all.map((version) => ({ version, n: 1 })));
      expect(await pendingMigrations(pools[0]!, schema)).toEqual([]);
      // A second start finds nothing to do.
      expect(await migrate(pools[1]!, schema)).toEqual([]);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('keeps two schemas apart on shared server connections', async () => {
    const [a, b] = [uniqueName('t'), uniqueName('t')];
    schemas.push(a, b);
    const pool = createPool({ url: bouncer.url, max: 4 });
    try {
      await migrate(pool, a);
      await migrate(pool, b);
      const stores = [new Store(pool, { schema: a }), new Store(pool, { schema: b })];
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) => stores[i % 2]!.jobs.create({ trainingJob: body(`job-${i}-${randomUUID().slice(0, 8)}`) })),
      );
      const [inA, inB] = await Promise.all(stores.map((store) => store.jobs.list({ limit: 200 })));
      expect(inA!.items.map((j) => j.id).sort()).toEqual(
        created
          .filter((_, i) => i % 2 === 0)
          .map((c) => c.job.id)
          .sort(),
      );
      expect(inB!.items.map((j) => j.id).sort()).toEqual(
        created
          .filter((_, i) => i % 2 === 1)
          .map((c) => c.job.id)
          .sort(),
      );
      // A transaction of one schema commits its own rows only.
      await stores[1]!.transaction((tx) => tx.outbox.add([{ kind: 'submit', ref: created[1]!.job.id }]));
      const counts = await Promise.all([a, b].map(async (s) => (await pool.query(`SELECT count(*)::int AS n FROM ${tables(s).outbox}`)).rows[0].n));
      expect(counts).toEqual([0, 1]);
    } finally {
      await pool.end();
    }
  });

  it('refuses nothing at connection start and survives a PgBouncer restart', async () => {
    const schema = uniqueName('t');
    schemas.push(schema);
    const pool = createPool({ url: bouncer.url, max: 2 });
    try {
      await migrate(pool, schema);
      const store = new Store(pool, { schema });
      const { job } = await store.jobs.create({ trainingJob: body(`before-${randomUUID().slice(0, 8)}`) });
      await bouncer.restart();
      // The pool's idle connections died with PgBouncer; the first query may fail, a later one reconnects.
      let found: unknown = null;
      for (let i = 0; i < 5 && !found; i++) found = await store.jobs.get(job.id).catch(() => null);
      expect(found).toMatchObject({ id: job.id, status: 'queued' });
    } finally {
      await pool.end();
    }
  });
});

/** TLS is configured in DATABASE_URL alone (pg-connection-string reads sslmode and sslrootcert). */
describe('TLS through DATABASE_URL (PgBouncer requiring TLS from clients)', () => {
  let bouncer: RunningPgBouncer;
  const schema = uniqueName('t');

  beforeAll(async () => {
    bouncer = await startPgBouncer({ databaseUrl: testServices().databaseUrl, tls: true });
  });
  afterAll(async () => {
    const admin = createPool({ url: testServices().databaseUrl, max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await admin.end();
    await bouncer.stop();
  });

  const encrypted = async (pool: ReturnType<typeof createPool>) => {
    const client = await pool.connect();
    try {
      return (client as unknown as { connection: { stream: { encrypted?: boolean } } }).connection.stream.encrypted === true;
    } finally {
      client.release();
    }
  };

  it('migrates and stores over TLS with sslmode=verify-full and sslrootcert=<CA file>', async () => {
    const pool = createPool({ url: `${bouncer.url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(bouncer.caFile!)}`, max: 2 });
    try {
      expect(await encrypted(pool)).toBe(true);
      await migrate(pool, schema);
      const { job } = await new Store(pool, { schema }).jobs.create({ trainingJob: body(`tls-${randomUUID().slice(0, 8)}`) });
      expect(job.status).toBe('queued');
    } finally {
      await pool.end();
    }
  });

  it('encrypts with uselibpqcompat=true&sslmode=require (certificate unchecked); refuses verify-full without the CA, and plain connections', async () => {
    const lax = createPool({ url: `${bouncer.url}?uselibpqcompat=true&sslmode=require`, max: 1 });
    try {
      expect(await encrypted(lax)).toBe(true);
    } finally {
      await lax.end();
    }
    // Without the CA, the self-signed certificate is refused: the certificate is checked by default.
    const strict = createPool({ url: `${bouncer.url}?sslmode=verify-full`, max: 1 });
    try {
      await expect(strict.query('SELECT 1')).rejects.toThrow(/self-signed|self signed/);
    } finally {
      await strict.end();
    }
    // A plain connection is refused by a server that requires TLS.
    const plain = createPool({ url: `${bouncer.url}?sslmode=disable`, max: 1 });
    try {
      await expect(plain.query('SELECT 1')).rejects.toThrow();
    } finally {
      await plain.end();
    }
  });
});
