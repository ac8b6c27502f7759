import { testServices, uniqueName } from '../../../test/support/services';
import { createPool } from './create-pool';
import { withTransaction } from './with-transaction';

/** A failover or pg_terminate_backend must cost the statements in flight, never the process. */
describe('createPool (PostgreSQL)', () => {
  it('survives the server ending a checked-out connection, and the next query uses a fresh one', async () => {
    const pool = createPool({ url: testServices().databaseUrl, max: 2 });
    const admin = createPool({ url: testServices().databaseUrl, max: 1 });
    try {
      // Terminated between two statements of a transaction: no query is active to receive the error.
      const tx = withTransaction(pool, async (db) => {
        const pid = (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await new Promise((r) => setTimeout(r, 200)); // the FATAL message and the socket close arrive now
        await db.query('SELECT 1');
      });
      await expect(tx).rejects.toThrow();
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
      await admin.end();
    }
  });
});
