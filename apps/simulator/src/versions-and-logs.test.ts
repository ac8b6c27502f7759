import { createSimulator, type Simulator } from './server';

const T0 = 1_700_000_000_000;
const BASE = '/v1/sim-project/training-jobs';
const CONFIG = {
  worker_server_num: 1,
  app_url: '/usr/app/',
  boot_file_url: '/usr/app/boot.py',
  data_url: '/usr/data/',
  spec_id: 1,
  engine_id: 1,
  train_url: '/usr/train/',
  model_id: 1,
  parameter: [{ label: 'lr', value: '0.01' }],
};
// Default timeline: INIT 200 ms, WAITING 300 ms, RUNNING 1000 ms (so RUNNING from T0+500 to T0+1500).
const LOG_LINES = 40;

let now = T0;
let sim: Simulator;
let url: string;

async function http(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url + path, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function createJob(name: string, config: Record<string, unknown> = CONFIG): Promise<{ job_id: number; version_id: number }> {
  const res = await http('POST', BASE, { job_name: name, config });
  expect(res.status).toBe(200);
  return res.body;
}

const newVersion = (jobId: number, config: Record<string, unknown>) => http('POST', `${BASE}/${jobId}/versions`, { config });

beforeAll(async () => {
  sim = createSimulator({ clock: () => now, logLines: LOG_LINES });
  url = await sim.listen(0);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  now = T0;
});

describe('create a new version (§2.5)', () => {
  it('creates V0002 from pre_version_id; the list shows the latest version, detail reads either', async () => {
    const first = await createJob('versioned');
    now = T0 + 2_000; // V0001 has COMPLETED
    const created = await newVersion(first.job_id, { ...CONFIG, pre_version_id: first.version_id, parameter: [{ label: 'lr', value: '0.02' }] });
    expect(created).toEqual({
      status: 200,
      body: {
        is_success: true,
        job_id: first.job_id,
        job_name: 'versioned',
        status: 1,
        create_time: T0 + 2_000,
        version_id: first.version_id + 1,
        version_name: 'V0002',
      },
    });
    const [row] = (await http('GET', BASE)).body.jobs;
    expect(row).toMatchObject({ job_id: first.job_id, version_id: first.version_id + 1, status: 1, version_count: 2, create_time: T0 });
    expect((await http('GET', `${BASE}/${first.job_id}/versions/${first.version_id}`)).body).toMatchObject({
      version_name: 'V0001',
      pre_version_id: 0,
      status: 10,
    });
    expect((await http('GET', `${BASE}/${first.job_id}/versions/${first.version_id + 1}`)).body).toMatchObject({
      version_name: 'V0002',
      pre_version_id: first.version_id,
      status: 1,
      parameter: [{ label: 'lr', value: '0.02' }],
    });
    expect(sim.calls().map((c) => c.op)).toEqual(['create', 'create_version', 'list', 'detail', 'detail']);
  });

  it('lists versions newest first, all of them by default (page 0), paged from page 1', async () => {
    const job = await createJob('many');
    for (let i = 0; i < 3; i++) expect((await newVersion(job.job_id, { ...CONFIG, pre_version_id: job.version_id })).status).toBe(200);
    const all = (await http('GET', `${BASE}/${job.job_id}/versions`)).body;
    expect(all).toMatchObject({ is_success: true, job_id: job.job_id, job_name: 'many', version_count: 4 });
    expect(all.versions.map((v: any) => v.version_name)).toEqual(['V0004', 'V0003', 'V0002', 'V0001']);
    expect(all.versions[0]).toMatchObject({ pre_version_id: job.version_id, gpu: false });
    const page2 = (await http('GET', `${BASE}/${job.job_id}/versions?per_page=3&page=2`)).body;
    expect(page2.versions.map((v: any) => v.version_name)).toEqual(['V0001']);
    expect((await http('GET', `${BASE}/${job.job_id}/versions?per_page=0`)).body.error_code).toBe('ModelArts.0101');
  });

  it.each([
    ['no pre_version_id', { ...CONFIG }, 'pre_version_id'],
    ['no train_url', { ...CONFIG, train_url: undefined, pre_version_id: 20000 }, 'train_url'],
    ['no model_id', { ...CONFIG, model_id: undefined, pre_version_id: 20000 }, 'model_id'],
    ['a version of another job', { ...CONFIG, pre_version_id: 20001 }, 'not a version of job'],
  ])('refuses %s with 400 ModelArts.0101', async (_, config, mentioned) => {
    await createJob('base');
    await createJob('other');
    const res = await newVersion(10000, config);
    expect([res.status, res.body.error_code]).toEqual([400, 'ModelArts.0101']);
    expect(res.body.error_message).toContain(mentioned);
    expect(sim.jobs()[0]!.versions).toHaveLength(1);
  });

  it('answers 404 ModelArts.2775 for a job that does not exist', async () => {
    const res = await newVersion(424242, { ...CONFIG, pre_version_id: 1 });
    expect([res.status, res.body.error_code]).toEqual([404, 'ModelArts.2775']);
  });

  it('stops one version and leaves the others alone', async () => {
    const job = await createJob('stoppable');
    await newVersion(job.job_id, { ...CONFIG, pre_version_id: job.version_id });
    now = T0 + 600;
    expect((await http('POST', `${BASE}/${job.job_id}/versions/${job.version_id}/stop`)).body).toEqual({ is_success: true });
    expect(sim.jobs()[0]!.versions.map((v) => [v.version_name, v.status, v.stopped])).toEqual([
      ['V0001', 9, true],
      ['V0002', 8, false],
    ]);
  });

  it('counts unfinished versions against the quota, and loses the answer under dropAfterCreateRate like a create', async () => {
    const job = await createJob('quota');
    sim.setFaults({ maxActiveJobs: 1 });
    const refused = await newVersion(job.job_id, { ...CONFIG, pre_version_id: job.version_id });
    expect([refused.status, refused.body.error_code]).toEqual([400, 'ModelArts.0118']);
    sim.setFaults({ dropAfterCreateRate: 1 });
    await expect(newVersion(job.job_id, { ...CONFIG, pre_version_id: job.version_id })).rejects.toThrow();
    expect(sim.jobs()[0]!.versions.map((v) => v.version_name)).toEqual(['V0001', 'V0002']);
  });
});

describe("the account's flavors and engines (§2.10, §2.11), and creates checked against them", () => {
  it('lists the training flavors with max_num and no_resource, and the engines', async () => {
    const specs = (await http('GET', '/v1/sim-project/job/resource-specs?job_type=train')).body;
    expect(specs).toMatchObject({ is_success: true, spec_total_count: 3 });
    expect(specs.specs[0]).toEqual({
      spec_id: 1,
      core: '2',
      cpu: '8',
      gpu_num: 0,
      gpu_type: '',
      spec_code: 'modelarts.vm.cpu.2u',
      unit_num: 1,
      max_num: 2,
      storage: '',
      interface_type: 1,
      no_resource: false,
    });
    expect(specs.specs.map((s: any) => s.no_resource)).toEqual([false, false, true]);
    const engines = (await http('GET', '/v1/sim-project/job/ai-engines?job_type=train')).body;
    expect(engines.engines[0]).toEqual({ engine_type: 1, engine_id: 1, engine_name: 'TensorFlow', engine_version: 'TF-1.4.0-python2.7' });
    expect((await http('GET', '/v1/sim-project/job/ai-engines?job_type=serving')).body.error_code).toBe('ModelArts.0101');
  });

  it.each([
    ['an unknown flavor', { spec_id: 99 }, 'ModelArts.2781'],
    ['an unknown engine', { engine_id: 99 }, 'ModelArts.2780'],
    ['more workers than the flavor allows', { worker_server_num: 3 }, 'ModelArts.2793'],
  ])('refuses %s with 400 %s, and creates nothing', async (_, change, code) => {
    const res = await http('POST', BASE, { job_name: 'refused', config: { ...CONFIG, ...change } });
    expect([res.status, res.body.error_code]).toEqual([400, code]);
    expect(sim.jobs()).toEqual([]);
  });
});

describe('logs (§2.12)', () => {
  const logFiles = (job: { job_id: number; version_id: number }) => http('GET', `${BASE}/${job.job_id}/versions/${job.version_id}/log/file-names`);
  const log = (job: { job_id: number; version_id: number }, query: string) => http('GET', `${BASE}/${job.job_id}/versions/${job.version_id}/aom-log?${query}`);

  it('answers 204 without a body until the version runs, then one file per worker', async () => {
    const job = await createJob('distributed', { ...CONFIG, worker_server_num: 2 });
    expect(await logFiles(job)).toEqual({ status: 204, body: undefined });
    expect(await log(job, 'log_file=job-distributed.0')).toEqual({ status: 204, body: undefined });
    now = T0 + 600;
    expect((await logFiles(job)).body).toEqual({ is_success: true, log_file_list: ['job-distributed.0', 'job-distributed.1'] });
  });

  it('pages forward from base_line in order=desc, backward in asc, and gives the latest lines without base_line', async () => {
    const job = await createJob('reader');
    now = T0 + 2_000; // COMPLETED: all 40 lines written
    const first = (await log(job, 'log_file=job-reader.0&lines=15&order=desc&base_line=0')).body;
    expect(first).toMatchObject({ is_success: true, lines: 15, start_line: 1, end_line: 15 });
    const lines = first.content.split('\n');
    expect(lines[0]).toBe('[worker 1/1] reader V0001 started: lr=0.01');
    expect(lines[1]).toBe('[worker 1/1] step 1: loss=0.6667');
    const rest = (await log(job, 'log_file=job-reader.0&lines=500&base_line=15')).body;
    expect(rest).toMatchObject({ lines: 25, start_line: 16, end_line: 40 });
    expect(rest.content.split('\n').at(-1)).toBe('[worker 1/1] training completed');
    expect((await log(job, 'log_file=job-reader.0&base_line=40')).body).toMatchObject({ content: '', lines: 0, start_line: 40, end_line: 40 });
    expect((await log(job, 'log_file=job-reader.0&lines=5&order=asc&base_line=11')).body).toMatchObject({ lines: 5, start_line: 6, end_line: 10 });
    expect((await log(job, 'log_file=job-reader.0&lines=3')).body).toMatchObject({ lines: 3, start_line: 38, end_line: 40 });
  });

  it('writes lines while the version runs, at the pace of its RUNNING phase', async () => {
    const job = await createJob('growing');
    now = T0 + 750; // a quarter of the RUNNING phase
    expect((await log(job, 'log_file=job-growing.0&lines=500&base_line=0')).body).toMatchObject({ lines: 10, end_line: 10 });
    now = T0 + 1_000;
    expect((await log(job, 'log_file=job-growing.0&lines=500&base_line=10')).body).toMatchObject({ lines: 10, start_line: 11, end_line: 20 });
  });

  it('refuses a missing log_file or lines over 500 (0101), a file never written (2818), and a cleared log (2819)', async () => {
    const job = await createJob('errors');
    now = T0 + 600;
    expect((await log(job, 'lines=5')).body.error_code).toBe('ModelArts.0101');
    expect((await log(job, 'log_file=job-errors.0&lines=501')).body.error_code).toBe('ModelArts.0101');
    expect(await log(job, 'log_file=job-errors.7')).toMatchObject({ status: 400, body: { error_code: 'ModelArts.2818' } });
    expect((await http('POST', `/__sim/jobs/${job.job_id}/versions/${job.version_id}/clear-logs`)).status).toBe(204);
    expect(await log(job, 'log_file=job-errors.0')).toMatchObject({ status: 400, body: { error_code: 'ModelArts.2819' } });
  });

  it('answers 2818 for a version that ended before it ran', async () => {
    const job = await createJob('never-ran');
    await http('POST', `${BASE}/${job.job_id}/versions/${job.version_id}/stop`);
    now = T0 + 1_000; // KILLED without ever RUNNING
    expect(await logFiles(job)).toMatchObject({ status: 400, body: { error_code: 'ModelArts.2818' } });
  });
});
