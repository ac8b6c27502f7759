import { Agent, request } from 'node:http';
import { listJobs, parseListQuery } from './list-query';
import { createSimulator, type Simulator } from './server';
import { JobStore } from './state';
import { DEFAULT_TIMELINE } from './timeline';

const T0 = 1_700_000_000_000;
const BASE = '/v1/sim-project/training-jobs';

let now = T0;
let sim: Simulator;
let url: string;

async function get(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url + path);
  return { status: res.status, body: await res.json() };
}

async function create(job_name: string, job_desc = ''): Promise<void> {
  const res = await fetch(url + BASE, { method: 'POST', body: JSON.stringify({ job_name, job_desc, config: { worker_server_num: 1 } }) });
  expect(res.status).toBe(200);
}

function rawCreate(agent: Agent, job_name: string): Promise<number> {
  const body = JSON.stringify({ job_name, config: { worker_server_num: 1 } });
  return new Promise((resolve, reject) => {
    const req = request(url + BASE, { method: 'POST', agent, headers: { 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  sim = createSimulator({ clock: () => now });
  url = await sim.listen();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  now = T0;
});

describe('GET training-jobs (list)', () => {
  it('defaults to 10 per page, sorted by job_name ascending, and reports totals and quotas', async () => {
    for (let i = 11; i >= 0; i--) await create(`job-${String(i).padStart(2, '0')}`);
    const res = await get(BASE);
    expect(res.body).toMatchObject({ is_success: true, job_total_count: 12, quotas: 10_000, job_count_limit: 10_000 - 12 });
    expect(res.body.jobs).toHaveLength(10);
    expect(res.body.jobs[0]).toEqual({
      job_id: 10011,
      job_name: 'job-00',
      version_id: 20011,
      status: 1,
      create_time: T0,
      duration: 0,
      job_desc: '',
      version_count: 1,
    });
    const page2 = await get(`${BASE}?page=2&per_page=10`);
    expect(page2.body.jobs.map((j: any) => j.job_name)).toEqual(['job-10', 'job-11']);
    expect((await get(`${BASE}?page=3`)).body.jobs).toEqual([]);
  });

  it('sorts by create_time, job_desc or status in either order, ties broken by job_id', async () => {
    await create('b', 'zz');
    now = T0 + 400;
    await create('a', 'yy');
    now = T0 + 600; // b is RUNNING (8), a is WAITING (7)
    const names = async (q: string) => (await get(`${BASE}?${q}`)).body.jobs.map((j: any) => j.job_name);
    expect(await names('sortBy=create_time&order=desc')).toEqual(['a', 'b']);
    expect(await names('sortBy=job_desc')).toEqual(['a', 'b']);
    expect(await names('sortBy=status&order=desc')).toEqual(['b', 'a']);
    expect(await names('sortBy=job_name&order=desc')).toEqual(['b', 'a']);
  });

  it('filters by search_content (substring of the name), status and workspace_id', async () => {
    for (const name of ['batch7-a', 'batch7-b', 'other']) await create(name);
    await fetch(`${url}/__sim/jobs/10001/status`, { method: 'POST', body: JSON.stringify({ status: 11 }) });
    const search = await get(`${BASE}?search_content=batch7`);
    expect([search.body.job_total_count, search.body.jobs.map((j: any) => j.job_name)]).toEqual([2, ['batch7-a', 'batch7-b']]);
    expect((await get(`${BASE}?status=11`)).body.jobs.map((j: any) => j.job_name)).toEqual(['batch7-b']);
    expect((await get(`${BASE}?status=1&search_content=batch7`)).body.job_total_count).toBe(1);
    expect((await get(`${BASE}?workspace_id=0`)).body.job_total_count).toBe(3);
    expect((await get(`${BASE}?workspace_id=elsewhere`)).body.job_total_count).toBe(0);
  });

  it('lists one workspace: "0" unless workspace_id is given (reference §2.2)', async () => {
    await create('in-default');
    const res = await fetch(url + BASE, {
      method: 'POST',
      body: JSON.stringify({ job_name: 'in-team', workspace_id: 'team-ws', config: { worker_server_num: 1 } }),
    });
    expect(res.status).toBe(200);
    const names = async (q: string) => (await get(`${BASE}${q}`)).body.jobs.map((j: any) => j.job_name);
    expect(await names('')).toEqual(['in-default']);
    expect(await names('?workspace_id=0')).toEqual(['in-default']);
    expect(await names('?workspace_id=team-ws')).toEqual(['in-team']);
    expect((await get(`${BASE}?search_content=in-team`)).body.job_total_count).toBe(0);
    // Version detail addresses a job by id, whatever its workspace.
    expect((await get(`${BASE}/10001/versions/20001`)).body).toMatchObject({ is_success: true, job_name: 'in-team' });
  });

  it.each(['per_page=0', 'per_page=1001', 'page=0', 'page=65536', 'sortBy=name', 'order=up', `search_content=${'x'.repeat(65)}`, 'status=abc'])(
    'refuses %s with 400 ModelArts.0101',
    async (query) => {
      const res = await get(`${BASE}?${query}`);
      expect([res.status, res.body.is_success, res.body.error_code]).toEqual([400, false, 'ModelArts.0101']);
    },
  );

  it('serves 10,000 jobs created over HTTP in pages of 1000', async () => {
    // node:http with a keep-alive pool: Node 20's fetch costs ~0.5 ms a call client-side, the simulator far less.
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    for (let i = 0; i < 10_000; i += 100) await Promise.all(Array.from({ length: 100 }, (_, k) => rawCreate(agent, `bulk-${i + k}`)));
    agent.destroy();
    const page = await get(`${BASE}?per_page=1000&page=10&sortBy=create_time&order=desc`);
    expect(page.body.job_total_count).toBe(10_000);
    expect(page.body.jobs).toHaveLength(1000);
    expect(page.body.jobs.at(-1).job_id).toBe(10000);
  });
});

describe('listJobs', () => {
  // Speed is measured by `npm run bench:poll`; the suite checks only the result.
  it('sorts and pages 20,000 jobs by name', () => {
    const store = new JobStore(DEFAULT_TIMELINE);
    for (let i = 0; i < 20_000; i++) store.create({ job_name: `j${(i * 7919) % 20_000}`, config: {} }, T0 + i, 10);
    const parsed = parseListQuery(new URLSearchParams('per_page=1000&page=1&sortBy=job_name&order=desc'));
    if (!parsed.ok) throw new Error('query should parse');
    const { total, items } = listJobs(store.live(), parsed.query, T0 + 1000);
    expect(total).toBe(20_000);
    expect(items[0].job_name).toBe('j9999');
  });
});
