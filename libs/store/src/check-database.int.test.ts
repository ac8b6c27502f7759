import { createPool } from './create-pool';
import { checkDatabase } from './check-database';
import { freshDatabase } from '../../../test/support/fresh-database';
import { testServices, uniqueName } from '../../../test/support/services';

describe('checkDatabase (real PostgreSQL)', () => {
  it('passes on a migrated schema and names the migrations a schema lacks', async () => {
    const db = await freshDatabase();
    try {
      await expect(checkDatabase(db.pool, db.schema)).resolves.toBeUndefined();
      await db.pool.query(`DELETE FROM ${db.t.schema_migrations} WHERE version = 3`);
      await expect(checkDatabase(db.pool, db.schema)).rejects.toThrow('migrations not applied: 3');
    } finally {
      await db.drop();
    }
    const empty = createPool({ url: testServices().databaseUrl, max: 1 });
    await expect(checkDatabase(empty, uniqueName('t'))).rejects.toThrow('migrations not applied: 1, 2, 3');
    await empty.end();
  });

  it('fails when PostgreSQL does not answer', async () => {
    const dead = createPool({ url: 'postgres://postgres@127.0.0.1:1/test', max: 1 });
    await expect(checkDatabase(dead, 'jobgate')).rejects.toThrow(/ECONNREFUSED/);
    await dead.end();
  });
});
