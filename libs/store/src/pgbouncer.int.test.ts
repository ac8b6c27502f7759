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
      expect(inA!.items.map((j) => j.id).sort()).toEqual(created.filter((_, i) => i % 2 === 0).map((c) => c.job.id).sort());
      expect(inB!.items.map((j) => j.id).sort()).toEqual(created.filter((_, i) => i % 2 === 1).map((c) => c.job.id).sort());
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
