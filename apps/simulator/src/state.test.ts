import { JobStore, latestVersion } from './state';
import { DEFAULT_TIMELINE } from './timeline';

const T0 = 1_700_000_000_000;
const body = (name: string) => ({ job_name: name, config: { worker_server_num: 1 } });

describe('JobStore', () => {
  it('stops a running job: KILLING now, KILLED after killMs, history kept', () => {
    const store = new JobStore({ ...DEFAULT_TIMELINE, killMs: 100 });
    const job = store.create(body('a'), T0, 10);
    expect(store.stop(latestVersion(job), T0 + 600)).toBe('stopping');
    const [snap] = store.snapshot(T0 + 650);
    expect(snap.status).toBe(9);
    expect(snap.stopped).toBe(true);
    expect(store.snapshot(T0 + 700)[0].status_history).toEqual([
      { status: 1, at: T0 },
      { status: 7, at: T0 + 200 },
      { status: 8, at: T0 + 500 },
      { status: 9, at: T0 + 600 },
      { status: 12, at: T0 + 700 },
    ]);
    expect(store.stop(latestVersion(job), T0 + 800)).toBe('terminal');
  });

  it('pins a status for good and counts only non-terminal, non-deleted jobs as active', () => {
    const store = new JobStore(DEFAULT_TIMELINE);
    const a = store.create(body('a'), T0, 10);
    const b = store.create(body('b'), T0, 10);
    store.pin(a.job_id, 8, T0 + 10);
    expect(store.snapshot(T0 + 10_000_000)[0].status).toBe(8);
    expect(store.activeCount(T0 + 10_000)).toBe(1);
    store.delete(a);
    expect(store.activeCount(T0 + 10)).toBe(1);
    expect(store.get(a.job_id)).toBeUndefined();
    expect(store.hasName('a')).toBe(false);
    expect(store.get(b.job_id)?.job_name).toBe('b');
  });

  it('numbers jobs and versions from 10000 and 20000, versions of a job V0001, V0002…, and starts over after clear', () => {
    const store = new JobStore(DEFAULT_TIMELINE);
    const first = store.create(body('x'), T0, 10);
    expect([first.job_id, latestVersion(first).version_id, latestVersion(first).version_name]).toEqual([10000, 20000, 'V0001']);
    expect(latestVersion(first).resource_id).toMatch(/^job[0-9a-f]{8}$/);
    const second = store.addVersion(first, { config: { worker_server_num: 1 }, preVersionId: 20000, jobDesc: '' }, T0 + 5, 10);
    expect([second.version_id, second.version_name, second.pre_version_id]).toEqual([20001, 'V0002', 20000]);
    store.clear();
    expect(store.create(body('x'), T0, 10).job_id).toBe(10000);
  });
});

describe('JobStore with versions', () => {
  it('counts every unfinished version against the quota and pins the latest version unless one is named', () => {
    const store = new JobStore(DEFAULT_TIMELINE);
    const job = store.create(body('v'), T0, 10);
    const v2 = store.addVersion(job, { config: { worker_server_num: 1 }, preVersionId: 20000, jobDesc: '' }, T0 + 10, 10);
    expect(store.activeCount(T0 + 20)).toBe(2);
    store.pin(job.job_id, 10, T0 + 30);
    expect(store.describe(job.job_id, T0 + 30)).toMatchObject({ version_id: v2.version_id, status: 10, versions: [{ status: 1 }, { status: 10 }] });
    store.pin(job.job_id, 11, T0 + 40, 20000);
    expect(store.describe(job.job_id, T0 + 40)!.versions.map((v) => v.status)).toEqual([11, 10]);
    expect(store.activeCount(T0 + 40)).toBe(0);
  });
});
