import { createSimulator, type Simulator } from './server';

/** Bodies stay loosely typed: the assertions themselves check the wire shape. */
const json = (res: Response): Promise<any> => res.json();

const T0 = 1_700_000_000_000;
const BASE = '/v1/sim-project/training-jobs';
// The create sample of reference §2.1, extended with fields the detail call must echo.
const SAMPLE = {
  job_name: 'TestModelArtsJob',
  job_desc: 'This is a ModelArts job',
  workspace_id: 'af261af2218841ec960b01ab3cf1a5fa',
  config: {
    worker_server_num: 1,
    app_url: '/usr/app/',
    boot_file_url: '/usr/app/boot.py',
    parameter: [
      { label: 'learning_rate', value: '0.01' },
      { label: 'batch_size', value: '32' },
    ],
    dataset_id: '38277e62-9e59-48f4-8d89-c8cf41622c24',
    dataset_version_id: '2ff0d6ba-c480-45ae-be41-09a8369bfc90',
    spec_id: 1,
    engine_id: 1,
    train_url: '/usr/train/',
    log_url: '/usr/log/',
    model_id: 1,
    pool_id: 'testpool',
    volumes: [{ nfs: { id: 'n1', src_path: '/a', dest_path: '/b', read_only: false } }],
  },
};

let now = T0;
let sim: Simulator;
let url: string;

async function http(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url + path, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

beforeAll(async () => {
  sim = createSimulator({ clock: () => now, faults: {} });
  url = await sim.listen(0);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  now = T0;
});

describe('create', () => {
  it('answers 200 with the documented fields, numeric ids, and keeps the full request body', async () => {
    const res = await http('POST', BASE, SAMPLE);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      is_success: true,
      job_id: 10000,
      job_name: 'TestModelArtsJob',
      status: 1,
      create_time: T0,
      version_id: 20000,
      version_name: 'V0001',
      resource_id: expect.stringMatching(/^job[0-9a-f]{8}$/),
    });
    expect(res.body).not.toHaveProperty('error_code');
    const [job] = sim.jobs();
    expect(job.body).toEqual(SAMPLE);
    expect(job.status_history).toEqual([{ status: 1, at: T0 }]);
  });

  it('refuses a duplicate name with ModelArts.0103 until the first job is deleted', async () => {
    const first = await http('POST', BASE, SAMPLE);
    const dup = await http('POST', BASE, SAMPLE);
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual({ is_success: false, error_code: 'ModelArts.0103', error_message: 'Job name:TestModelArtsJob is existed' });
    expect((await http('DELETE', `${BASE}/${first.body.job_id}`)).body).toEqual({ is_success: true });
    expect((await http('POST', BASE, SAMPLE)).status).toBe(200);
    expect(sim.jobs().map((j) => [j.job_id, j.deleted])).toEqual([
      [10000, true],
      [10001, false],
    ]);
  });

  it.each([
    ['a bad job_name', { ...SAMPLE, job_name: 'has space' }],
    ['a 65-char job_name', { ...SAMPLE, job_name: 'x'.repeat(65) }],
    ['no config', { job_name: 'ok' }],
    ['no worker_server_num', { job_name: 'ok', config: { app_url: '/a/' } }],
  ])('refuses %s with ModelArts.0101 and creates nothing', async (_, body) => {
    const res = await http('POST', BASE, body);
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('ModelArts.0101');
    expect(sim.jobs()).toHaveLength(0);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await fetch(url + BASE, { method: 'POST', body: '{nope' });
    expect(res.status).toBe(400);
    expect((await json(res)).error_code).toBe('ModelArts.0101');
  });
});

describe('version detail, versions, stop and delete', () => {
  it('echoes the config fields and follows the timeline', async () => {
    const { body: created } = await http('POST', BASE, SAMPLE);
    now = T0 + 700;
    const res = await http('GET', `${BASE}/${created.job_id}/versions/${created.version_id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      is_success: true,
      job_id: 10000,
      job_name: 'TestModelArtsJob',
      job_desc: 'This is a ModelArts job',
      version_id: 20000,
      version_name: 'V0001',
      status: 8,
      create_time: T0,
      start_time: T0 + 500,
      duration: 200,
      resource_id: created.resource_id,
      ...SAMPLE.config,
    });
    const versions = await http('GET', `${BASE}/${created.job_id}/versions?per_page=10&page=1`);
    expect(versions.body).toMatchObject({ is_success: true, job_id: 10000, version_count: 1, versions: [{ version_id: 20000, status: 8, gpu: false }] });
  });

  it('answers 404 ModelArts.2775 for an unknown job, a wrong version and a deleted job', async () => {
    const { body: created } = await http('POST', BASE, SAMPLE);
    for (const path of [`${BASE}/99/versions/20000`, `${BASE}/${created.job_id}/versions/1`, `${BASE}/abc/versions/1`]) {
      const res = await http('GET', path);
      expect([res.status, res.body.error_code, res.body.is_success]).toEqual([404, 'ModelArts.2775', false]);
    }
    await http('DELETE', `${BASE}/${created.job_id}`);
    expect((await http('GET', `${BASE}/${created.job_id}/versions/${created.version_id}`)).status).toBe(404);
    expect((await http('DELETE', `${BASE}/${created.job_id}`)).status).toBe(404);
  });

  it('stops a job: KILLING (9) at once, KILLED (12) after killMs, then 409 ModelArts.2796', async () => {
    const { body: created } = await http('POST', BASE, SAMPLE);
    const detail = () => http('GET', `${BASE}/${created.job_id}/versions/${created.version_id}`);
    now = T0 + 600;
    const stopPath = `${BASE}/${created.job_id}/versions/${created.version_id}/stop`;
    expect((await http('POST', stopPath)).body).toEqual({ is_success: true });
    expect((await detail()).body.status).toBe(9);
    now = T0 + 799;
    expect((await detail()).body.status).toBe(9);
    now = T0 + 800;
    expect((await detail()).body.status).toBe(12);
    const again = await http('POST', stopPath);
    expect([again.status, again.body.error_code]).toEqual([409, 'ModelArts.2796']);
    expect(sim.jobs()[0]).toMatchObject({ stopped: true, status: 12 });
  });
});

describe('outcomes and control endpoints', () => {
  it('progresses INIT → WAITING → RUNNING → COMPLETED with the injected clock', async () => {
    await http('POST', BASE, SAMPLE);
    const statuses: number[] = [];
    for (const t of [0, 250, 600, 1600]) {
      now = T0 + t;
      statuses.push((await http('GET', `${BASE}?workspace_id=${SAMPLE.workspace_id}`)).body.jobs[0].status);
    }
    expect(statuses).toEqual([1, 7, 8, 10]);
  });

  it('ends jobs matching failNamePattern FAILED (11) and killNamePattern KILLED (12)', async () => {
    sim.setFaults({ failNamePattern: '^bad-', killNamePattern: 'doomed' });
    for (const job_name of ['bad-1', 'the-doomed-one', 'fine']) await http('POST', BASE, { ...SAMPLE, job_name });
    now = T0 + 60_000;
    const list = await http('GET', `${BASE}?sortBy=job_name&workspace_id=${SAMPLE.workspace_id}`);
    expect(list.body.jobs.map((j: any) => [j.job_name, j.status])).toEqual([
      ['bad-1', 11],
      ['fine', 10],
      ['the-doomed-one', 12],
    ]);
    expect(
      sim
        .jobs()
        .find((j) => j.job_name === 'the-doomed-one')!
        .status_history.map((c) => c.status),
    ).toEqual([1, 7, 8, 9, 12]);
  });

  it('pins a status through POST /__sim/jobs/{id}/status and reports stats without counting control calls', async () => {
    await http('POST', BASE, SAMPLE);
    const pinned = await http('POST', '/__sim/jobs/10000/status', { status: 8 });
    expect(pinned.body).toMatchObject({ job_id: 10000, status: 8 });
    now = T0 + 3_600_000;
    expect((await http('GET', '/__sim/jobs')).body[0].status).toBe(8);
    expect((await http('POST', '/__sim/jobs/424242/status', { status: 8 })).status).toBe(404);
    const stats = await http('GET', '/__sim/stats');
    expect(stats.body).toEqual({ creates: 1, calls_by_op: { create: 1 }, max_creates_in_any_1s_window: 1, active_jobs: 1 });
    const calls = (await http('GET', '/__sim/calls')).body;
    expect(calls).toEqual([{ seq: 1, at: T0, op: 'create', method: 'POST', path: BASE, status: 200, job_name: 'TestModelArtsJob', job_id: 10000 }]);
    expect((await http('DELETE', '/__sim/calls')).status).toBe(204);
    expect(sim.calls()).toEqual([]);
    expect((await http('POST', '/__sim/reset')).status).toBe(204);
    expect(sim.jobs()).toEqual([]);
  });

  it('answers unknown routes with 404 APIG.0101 and a foreign project with ModelArts.0210', async () => {
    const unknown = await http('GET', '/v1/sim-project/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error_code: 'APIG.0101', error_msg: expect.any(String), request_id: expect.any(String) });
    const foreign = await http('GET', '/v1/other-project/training-jobs');
    expect([foreign.status, foreign.body.error_code]).toEqual([400, 'ModelArts.0210']);
    expect(sim.calls().map((c) => [c.op, c.status, c.error_code])).toEqual([
      ['unknown', 404, 'APIG.0101'],
      ['list', 400, 'ModelArts.0210'],
    ]);
  });
});
