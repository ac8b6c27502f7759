import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { OutboxRepository, type OutboxEntry } from './outbox.repository';
import { Store } from './store';

describe('OutboxRepository (PostgreSQL)', () => {
  let db: FreshDatabase;
  let outbox: OutboxRepository;
  beforeEach(async () => {
    db = await freshDatabase();
    outbox = new OutboxRepository(db.pool, db.t);
  });
  afterEach(() => db.drop());

  const refs = async () => (await db.pool.query<{ ref: string }>(`SELECT ref FROM ${db.t.outbox} ORDER BY id`)).rows.map((r) => r.ref);
  /** Makes entries look written `ms` ago, as if their writer crashed before publishing them. */
  const age = (ms: number, ids?: string[]) =>
    db.pool.query(`UPDATE ${db.t.outbox} SET created_at = now() - ($1::int * interval '1 millisecond') WHERE $2::bigint[] IS NULL OR id = ANY($2::bigint[])`, [
      ms,
      ids ?? null,
    ]);

  it('adds entries in order with their ids, only when the transaction they joined commits', async () => {
    const added = await outbox.add([
      { kind: 'submit', ref: 'job-1', requestId: 'req-1' },
      { kind: 'webhook', ref: 'msg_1' },
      { kind: 'stop', ref: 'job-2' },
    ]);
    expect(added).toEqual([
      { id: expect.any(String), kind: 'submit', ref: 'job-1', requestId: 'req-1' },
      { id: expect.any(String), kind: 'webhook', ref: 'msg_1', requestId: null },
      { id: expect.any(String), kind: 'stop', ref: 'job-2', requestId: null },
    ]);
    expect(added.map((e) => BigInt(e.id))).toEqual([...added.map((e) => BigInt(e.id))].sort((a, b) => (a < b ? -1 : 1)));
    expect(await outbox.add([])).toEqual([]);
    const store = new Store(db.pool, { schema: db.schema });
    await expect(
      store.transaction(async (tx) => {
        await tx.outbox.add([{ kind: 'submit', ref: 'rolled-back' }]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await store.transaction((tx) => tx.outbox.add([{ kind: 'submit', ref: 'committed' }]));
    expect(await refs()).toEqual(['job-1', 'msg_1', 'job-2', 'committed']);
    await expect(outbox.add([{ kind: 'email' as never, ref: 'x' }])).rejects.toThrow(/outbox_kind_check/);
  });

  it('removes exactly the entries named', async () => {
    const [a, , c] = await outbox.add([
      { kind: 'submit', ref: 'a' },
      { kind: 'submit', ref: 'b' },
      { kind: 'submit', ref: 'c' },
    ]);
    await outbox.remove([a!.id, c!.id]);
    expect(await refs()).toEqual(['b']);
    await outbox.remove([]);
    await outbox.remove([a!.id]); // already gone: nothing happens
    expect(await refs()).toEqual(['b']);
  });

  it('publishes only entries older than the grace period, oldest first, a batch at a time, and removes them', async () => {
    const old = await outbox.add([
      { kind: 'submit', ref: 'old-1' },
      { kind: 'stop', ref: 'old-2', requestId: 'r' },
      { kind: 'webhook', ref: 'old-3' },
    ]);
    await age(60_000);
    await outbox.add([{ kind: 'submit', ref: 'fresh' }]); // its writer is still about to publish it
    const batches: OutboxEntry[][] = [];
    const publish = async (entries: OutboxEntry[]) => void batches.push(entries);
    expect(await outbox.publishStale({ graceMs: 30_000, limit: 2, publish })).toBe(2);
    expect(await outbox.publishStale({ graceMs: 30_000, limit: 2, publish })).toBe(1);
    expect(await outbox.publishStale({ graceMs: 30_000, limit: 2, publish })).toBe(0);
    expect(batches).toEqual([old.slice(0, 2), old.slice(2)]);
    expect(await refs()).toEqual(['fresh']);
  });

  it('keeps the entries when publishing them fails, for the next pass', async () => {
    await outbox.add([
      { kind: 'submit', ref: 'a' },
      { kind: 'submit', ref: 'b' },
    ]);
    await age(10_000);
    await expect(
      outbox.publishStale({
        graceMs: 0,
        limit: 10,
        publish: async () => {
          throw new Error('Redis is not connected');
        },
      }),
    ).rejects.toThrow('Redis is not connected');
    expect(await refs()).toEqual(['a', 'b']);
    const seen: string[] = [];
    expect(await outbox.publishStale({ graceMs: 0, limit: 10, publish: async (entries) => void seen.push(...entries.map((e) => e.ref)) })).toBe(2);
    expect(seen).toEqual(['a', 'b']);
  });

  it('lets concurrent relays share the backlog (SKIP LOCKED): no entry is published twice, none is waited for', async () => {
    const all = await outbox.add(Array.from({ length: 6 }, (_, i) => ({ kind: 'submit' as const, ref: `job-${i}` })));
    await age(60_000);
    const published: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstHas!: () => void;
    const firstLocked = new Promise<void>((resolve) => (firstHas = resolve));
    const first = outbox.publishStale({
      graceMs: 1_000,
      limit: 3,
      publish: async (entries) => {
        published.push(...entries.map((e) => e.ref));
        firstHas();
        await firstHolds; // still publishing: its rows stay locked
      },
    });
    await firstLocked;
    // A second relay neither blocks on the locked rows nor takes them.
    const second = await outbox.publishStale({ graceMs: 1_000, limit: 10, publish: async (entries) => void published.push(...entries.map((e) => e.ref)) });
    expect(second).toBe(3);
    expect(await refs()).toEqual(['job-0', 'job-1', 'job-2']); // the first relay's, not yet removed
    releaseFirst();
    expect(await first).toBe(3);
    expect([...published].sort()).toEqual(all.map((e) => e.ref).sort());
    expect(await refs()).toEqual([]);
  });
});
