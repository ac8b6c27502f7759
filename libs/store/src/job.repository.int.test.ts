import { ConflictError, UnprocessableError, ValidationError } from '@jobgate/errors';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { DispatchRepository } from './dispatch.repository';
import { JobRepository } from './job.repository';
import { transitionJob } from './job-transition';
import { SubmissionRepository } from './submission.repository';
import { pendingMigrations } from './migrate';

const job = (name: string) => ({ job_name: name, config: { worker_server_num: 1, data_url: '/d/', spec_id: 1 } });
const EVERYTHING = { maxActive: 100, window: 100, policy: 'fair' } as const;

describe('JobRepository (PostgreSQL)', () => {
  let db: FreshDatabase;
  let jobs: JobRepository;
  beforeEach(async () => {
    db = await freshDatabase();
    jobs = new JobRepository(db.pool, db.t);
  });
  afterEach(() => db.drop());

  it('has no pending migrations after migrate', async () => {
    expect(await pendingMigrations(db.pool, db.schema)).toEqual([]);
  });

  it('stores a record with its accepted body and an "accepted" event', async () => {
    const { job: created } = await jobs.create({ trainingJob: job('a'), labels: { team: 'vision' }, webhookUrl: 'https://hooks.example.com/x' });
    const read = await jobs.get(created.id);
    expect(read).toMatchObject({
      status: 'queued',
      job_name: 'a',
      training_job: job('a'),
      labels: { team: 'vision' },
      attempts: 0,
      modelarts: null,
      error: null,
    });
    const events = await db.pool.query(`SELECT to_status, reason FROM ${db.t.job_events} WHERE job_id = $1`, [created.id]);
    expect(events.rows).toEqual([{ to_status: 'queued', reason: 'accepted' }]);
  });

  it('writes no outbox entry at intake: a queued job waits in PostgreSQL until the dispatcher admits it', async () => {
    const plain = await jobs.create({ trainingJob: job('o1'), requestId: 'req-o1' });
    const keyed = await jobs.create({ trainingJob: job('o2') }, { owner: 'team-a', key: 'k', requestHash: 'h' });
    const pending = await jobs.create({ trainingJob: job('o3'), status: 'pending' });
    expect(plain).toEqual({ kind: 'created', job: expect.objectContaining({ status: 'queued' }) });
    expect(keyed).toEqual({ kind: 'created', job: expect.objectContaining({ status: 'queued' }) });
    expect(pending).toEqual({ kind: 'created', job: expect.objectContaining({ status: 'pending' }) });
    await jobs.create({ trainingJob: job('o2') }, { owner: 'team-a', key: 'k', requestHash: 'h' }); // a replay
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.outbox}`)).rows[0].n).toBe(0);
    // Both queued jobs (never the pending trial) are what the dispatcher finds waiting.
    const admitted = await new DispatchRepository(db.pool, db.t).admit(EVERYTHING);
    expect(admitted).toHaveLength(2);
    expect(admitted).toEqual(
      expect.arrayContaining([
        { jobId: plain.job.id, requestId: 'req-o1' },
        { jobId: keyed.job.id, requestId: null },
      ]),
    );
    expect((await jobs.get(pending.job.id))!.status).toBe('pending');
  });

  it('stores the priority (default 0) and shows it on the record', async () => {
    const plain = await jobs.create({ trainingJob: job('p0') });
    const urgent = await jobs.create({ trainingJob: job('p1'), priority: 100 });
    const keyed = await jobs.create({ trainingJob: job('p2'), priority: -100 }, { owner: 'team-a', key: 'kp', requestHash: 'h' });
    expect([plain.job.priority, urgent.job.priority, keyed.job.priority]).toEqual([0, 100, -100]);
    expect((await jobs.get(urgent.job.id))!.priority).toBe(100);
    expect((await jobs.get(keyed.job.id))!.priority).toBe(-100);
  });

  it('refuses a job_name held by a live job, but not one held by a failed job', async () => {
    const first = await jobs.create({ trainingJob: job('dup') });
    await expect(jobs.create({ trainingJob: job('dup') })).rejects.toBeInstanceOf(ConflictError);
    await new SubmissionRepository(db.pool, db.t).markFailed(first.job.id, { code: 'ModelArts.0101', message: 'bad', retryable: false });
    await expect(jobs.create({ trainingJob: job('dup') })).resolves.toMatchObject({ kind: 'created' });
  });

  it('replays an idempotency key with the same body and refuses it with another body', async () => {
    const idem = { owner: 'team-a', key: 'k1', requestHash: 'h1' };
    const first = await jobs.create({ trainingJob: job('idem') }, idem);
    const again = await jobs.create({ trainingJob: job('idem') }, idem);
    expect(again).toEqual({ kind: 'replayed', job: first.job });
    await expect(jobs.create({ trainingJob: job('other') }, { ...idem, requestHash: 'h2' })).rejects.toBeInstanceOf(UnprocessableError);
    // Another owner may use the same key.
    await expect(jobs.create({ trainingJob: job('other') }, { ...idem, owner: 'team-b' })).resolves.toMatchObject({ kind: 'created' });
  });

  it('lists newest first with filters and a cursor that pages through everything once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push((await jobs.create({ trainingJob: job(`p${i}`), labels: { team: i % 2 ? 'odd' : 'even' } })).job.id);
      await new Promise((r) => setTimeout(r, 2)); // created_at has millisecond resolution; same-ms jobs order by id
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await jobs.list({ limit: 3, cursor });
      seen.push(...page.items.map((j) => j.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const odd = await jobs.list({ labels: { team: 'odd' } });
    expect(odd.items.map((j) => j.job_name)).toEqual(['p5', 'p3', 'p1']);
    expect((await jobs.list({ status: 'failed' })).items).toEqual([]);
    await expect(jobs.list({ cursor: 'garbage' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('transitionJob moves only from the expected statuses (and attempt, when fenced) and logs the change', async () => {
    const { job: j } = await jobs.create({ trainingJob: job('t') });
    expect(await transitionJob(db.pool, db.t, j.id, { from: ['running'], to: 'succeeded' })).toBeNull();
    expect(await transitionJob(db.pool, db.t, j.id, { from: ['queued'], to: 'canceled', attempt: 1 })).toBeNull(); // attempts is 0
    const moved = await transitionJob(db.pool, db.t, j.id, { from: ['queued'], to: 'canceled', reason: 'user', attempt: 0 });
    expect(moved?.status).toBe('canceled');
    const events = await db.pool.query(`SELECT from_status, to_status, reason FROM ${db.t.job_events} WHERE job_id = $1 ORDER BY id`, [j.id]);
    expect(events.rows).toHaveLength(2);
    expect(events.rows[1]).toEqual({ from_status: 'queued', to_status: 'canceled', reason: 'user' });
  });
});

describe('SubmissionRepository (PostgreSQL)', () => {
  let db: FreshDatabase;
  beforeEach(async () => {
    db = await freshDatabase();
  });
  afterEach(() => db.drop());

  it('claims only admitted (submitting) jobs: a queued one waits for the dispatcher, an ended or unknown one is skipped', async () => {
    const jobs = new JobRepository(db.pool, db.t);
    const subs = new SubmissionRepository(db.pool, db.t);
    const { job: j } = await jobs.create({ trainingJob: job('c') });
    expect(await subs.claim(j.id)).toEqual({ kind: 'skip', status: 'queued' });
    expect((await jobs.get(j.id))!.status).toBe('queued'); // a claim takes no slot any more
    expect(await subs.activeCount()).toBe(0);
    expect(await subs.unfinishedSubmissions()).toEqual([]); // nothing for the submit queue yet
    await new DispatchRepository(db.pool, db.t).admit(EVERYTHING);
    expect(await subs.claim(j.id)).toMatchObject({ kind: 'claimed', job: { id: j.id, status: 'submitting' }, attempts: [] });
    expect(await subs.activeCount()).toBe(1);
    expect(await subs.unfinishedSubmissions()).toEqual([{ jobId: j.id, requestId: null }]);
    await subs.markFailed(j.id, { code: 'ModelArts.0101', message: 'bad', retryable: false });
    expect(await subs.claim(j.id)).toEqual({ kind: 'skip', status: 'failed' });
    expect(await subs.unfinishedSubmissions()).toEqual([]);
    expect(await subs.claim('00000000-0000-4000-8000-000000000000')).toEqual({ kind: 'skip', status: null });
  });

  it('records attempts before and after the call, and the submitted reference', async () => {
    const jobs = new JobRepository(db.pool, db.t);
    const subs = new SubmissionRepository(db.pool, db.t);
    const { job: j } = await jobs.create({ trainingJob: job('s') });
    await new DispatchRepository(db.pool, db.t).admit(EVERYTHING);
    const n = await subs.startAttempt(j.id);
    await subs.finishAttempt(j.id, n, { outcome: 'unknown', httpStatus: 503, errorCode: 'APIG.0201', delayMs: 1000 });
    const n2 = await subs.startAttempt(j.id);
    expect(n2).toBe(2);
    const again = await subs.claim(j.id);
    expect(again.kind).toBe('claimed'); // picked up again: it still holds its slot
    if (again.kind === 'claimed') expect(again.attempts.map((a) => a.outcome)).toEqual(['unknown', null]);
    const ref = { jobId: '10', versionId: '20', versionName: 'V0001', resourceId: 'jobabc', status: 1, statusName: 'JOBSTAT_INIT', createTime: Date.now() };
    // Attempt 1 is no longer the latest: what it learned must not overwrite attempt 2's outcome.
    expect(await subs.markSubmitted(j.id, n, { ...ref, jobId: 'stale' })).toBeNull();
    expect(await subs.markSubmitted(j.id, n2, ref)).toMatchObject({ status: 'submitted', attempts: 2, modelarts: { jobId: '10', versionId: '20' } });
    const rec = await jobs.get(j.id);
    expect(rec).toMatchObject({
      status: 'submitted',
      attempts: 2,
      modelarts: { job_id: '10', version_id: '20', version_name: 'V0001', resource_id: 'jobabc', status: 1 },
    });
    expect(rec?.submitted_at).not.toBeNull();
  });

  it('stores a rerun under its ModelArts job, beside a live job of the same name, and lists the versions of that job', async () => {
    const jobs = new JobRepository(db.pool, db.t);
    const subs = new SubmissionRepository(db.pool, db.t);
    const { job: original } = await jobs.create({ trainingJob: job('rerun-me') });
    await new DispatchRepository(db.pool, db.t).admit(EVERYTHING);
    const n = await subs.startAttempt(original.id);
    await subs.markSubmitted(original.id, n, {
      jobId: '10',
      versionId: '20',
      versionName: 'V0001',
      resourceId: null,
      status: 1,
      statusName: 'JOBSTAT_INIT',
      createTime: Date.now(),
    });
    const rerun = await jobs.create({ trainingJob: job('rerun-me'), requestId: 'r1', rerun: { of: original.id, jobId: '10', preVersionId: '20' } });
    expect(rerun).toMatchObject({
      kind: 'created',
      job: { status: 'queued', rerun_of: original.id, modelarts: { job_id: '10', version_id: null, version_name: null, pre_version_id: '20' } },
    });
    // Like any job, a rerun waits in PostgreSQL for the dispatcher: no outbox entry at intake.
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.outbox}`)).rows[0].n).toBe(0);
    expect(await jobs.getSnapshot(rerun.job.id)).toMatchObject({
      rerun: { of: original.id, jobId: '10', preVersionId: '20' },
      modelarts: { jobId: '10', versionId: null },
    });
    // The name stays held by the original: a new job by that name is still refused.
    await expect(jobs.create({ trainingJob: job('rerun-me') })).rejects.toBeInstanceOf(ConflictError);
    const versions = await jobs.versions(rerun.job.id);
    expect(versions.map((v) => [v.id, v.version_id, v.pre_version_id, v.rerun_of])).toEqual([
      [original.id, '20', null, null],
      [rerun.job.id, null, '20', original.id],
    ]);
    expect(await jobs.versions(original.id)).toEqual(versions);
    expect(await jobs.versions(original.id, '00000000-0000-4000-8000-000000000000')).toEqual([]); // another team's
    const { job: lone } = await jobs.create({ trainingJob: job('lone') });
    expect((await jobs.versions(lone.id)).map((v) => v.id)).toEqual([lone.id]);
  });

  it('admits one new version of a ModelArts job at a time, its reruns oldest first', async () => {
    const jobs = new JobRepository(db.pool, db.t);
    const subs = new SubmissionRepository(db.pool, db.t);
    const dispatch = new DispatchRepository(db.pool, db.t);
    const { job: source } = await jobs.create({ trainingJob: job('source') });
    await dispatch.admit(EVERYTHING);
    const n = await subs.startAttempt(source.id);
    await subs.markSubmitted(source.id, n, {
      jobId: '10',
      versionId: '20',
      versionName: 'V0001',
      resourceId: null,
      status: 1,
      statusName: 'JOBSTAT_INIT',
      createTime: Date.now(),
    });
    const rerun = async (jobId: string) => (await jobs.create({ trainingJob: job('source'), rerun: { of: source.id, jobId, preVersionId: '20' } })).job.id;
    const first = await rerun('10');
    const second = await rerun('10');
    const other = await rerun('11'); // another ModelArts job's: not held back
    // Two passes at once: the lock makes them take turns, and neither admits the second rerun.
    const passes = await Promise.all([dispatch.admit(EVERYTHING), dispatch.admit(EVERYTHING)]);
    expect(
      passes
        .flat()
        .map((a) => a.jobId)
        .sort(),
    ).toEqual([first, other].sort());
    expect((await jobs.get(second))!.status).toBe('queued');
    expect(await dispatch.admit(EVERYTHING)).toEqual([]); // the first is still being created
    await subs.markFailed(first, { code: 'x', message: 'x', retryable: false });
    expect((await dispatch.admit(EVERYTHING)).map((a) => a.jobId)).toEqual([second]);
    expect((await subs.claim(second)).kind).toBe('claimed');
  });

  it('fences failures and noted errors by attempt, and never fails a job that left submitting', async () => {
    const jobs = new JobRepository(db.pool, db.t);
    const subs = new SubmissionRepository(db.pool, db.t);
    const { job: j } = await jobs.create({ trainingJob: job('f') });
    await new DispatchRepository(db.pool, db.t).admit(EVERYTHING);
    const first = await subs.startAttempt(j.id);
    const second = await subs.startAttempt(j.id);
    await subs.noteError(j.id, first, { code: 'stale', message: 'from attempt 1', retryable: true });
    expect((await jobs.get(j.id))!.error).toBeNull();
    await subs.noteError(j.id, second, { code: 'APIG.0201', message: 'busy', retryable: true });
    expect((await jobs.get(j.id))!.error).toMatchObject({ code: 'APIG.0201', message: 'busy', retryable: true });
    expect(await subs.markFailed(j.id, { code: 'ModelArts.0101', message: 'bad', retryable: false }, { attempt: first })).toBeNull();
    expect((await jobs.get(j.id))!.status).toBe('submitting');
    expect(await subs.markFailed(j.id, { code: 'ModelArts.0101', message: 'bad', retryable: false }, { attempt: second })).toMatchObject({
      status: 'failed',
      errorCode: 'ModelArts.0101',
    });
    expect(await subs.markFailed(j.id, { code: 'again', message: 'x', retryable: false })).toBeNull(); // already ended
    expect((await jobs.get(j.id))!.finished_at).not.toBeNull();
  });
});

describe('JobInsertBatcher (PostgreSQL)', () => {
  let db: FreshDatabase;
  beforeEach(async () => {
    db = await freshDatabase();
  });
  afterEach(() => db.drop());

  it('inserts concurrent creates together, failing only the request whose name clashes', async () => {
    const jobs = new JobRepository(db.pool, db.t);
    const names = Array.from({ length: 50 }, (_, i) => `batch-${i}`);
    names.splice(10, 0, 'batch-3'); // a clash inside the same batch
    const results = await Promise.allSettled(names.map((n) => jobs.create({ trainingJob: job(n) })));
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n, count(DISTINCT job_name)::int AS names FROM ${db.t.jobs}`);
    expect(rows[0]).toEqual({ n: 50, names: 50 });
    const events = await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.job_events} WHERE reason = 'accepted'`);
    expect(events.rows[0].n).toBe(50);
  });
});
