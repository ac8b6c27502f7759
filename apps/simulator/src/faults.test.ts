import { parseFaultConfig } from './faults';
import { createSimulator, type Simulator } from './server';

/** Bodies stay loosely typed: the assertions themselves check the wire shape. */
const json = (res: Response): Promise<any> => res.json();

const T0 = 1_700_000_000_000;
const BASE = '/v1/sim-project/training-jobs';

let now = T0;
let sim: Simulator;
let url: string;

function create(job_name: string): Promise<Response> {
  return fetch(url + BASE, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ job_name, config: { worker_server_num: 1 } }),
  });
}

async function putFaults(faults: unknown): Promise<Response> {
  return fetch(`${url}/__sim/faults`, { method: 'PUT', body: JSON.stringify(faults) });
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

describe('injected errors', () => {
  it('create 503 at rate 1.0 answers 503 with a gateway body before creating anything', async () => {
    expect((await putFaults({ errorRates: { create: { 503: 1 } } })).status).toBe(200);
    const res = await create('never-created');
    expect(res.status).toBe(503);
    expect(await json(res)).toMatchObject({ error_code: 'APIG.0202', error_msg: expect.any(String), request_id: expect.any(String) });
    expect(sim.jobs()).toEqual([]);
    expect(sim.calls()[0]).toMatchObject({ op: 'create', status: 503, error_code: 'APIG.0202', job_name: 'never-created' });
    expect(sim.calls()[0].job_id).toBeUndefined();
  });

  it('targets one operation only and uses the v1 envelope for ModelArts codes', async () => {
    sim.setFaults({ errorRates: { list: { 500: 1 } } });
    expect((await create('still-works')).status).toBe(200);
    const res = await fetch(url + BASE);
    expect(res.status).toBe(500);
    expect(await json(res)).toEqual({ is_success: false, error_code: 'ModelArts.0010', error_message: 'Injected failure (500)' });
  });

  it('an outage refuses the named operations for forMs from when it was set, with Retry-After, then heals', async () => {
    expect((await putFaults({ outage: { ops: ['create'], status: 503, forMs: 6_000, retryAfterSec: 3 } })).status).toBe(200);
    now = T0 + 5_999;
    const refused = await create('during');
    expect([refused.status, refused.headers.get('retry-after'), (await json(refused)).error_code]).toEqual([503, '3', 'APIG.0202']);
    expect((await fetch(url + BASE)).status).toBe(200); // list is not part of this outage
    now = T0 + 6_000;
    expect((await create('after')).status).toBe(200);
    expect(sim.jobs().map((j) => j.job_name)).toEqual(['after']);
  });

  it('an outage with a count refuses only that many calls, here one permanent refusal of a stop', async () => {
    const { job_id: jobId, version_id: versionId } = await json(await create('to-stop'));
    sim.setFaults({ outage: { ops: ['stop'], status: 403, count: 1 } });
    const stop = () => fetch(`${url}${BASE}/${jobId}/versions/${versionId}/stop`, { method: 'POST' });
    const first = await stop();
    expect([first.status, (await json(first)).error_code]).toEqual([403, 'ModelArts.0108']);
    expect((await stop()).status).toBe(200);
  });

  it('refuses an outage it cannot honour, naming each problem', async () => {
    const res = await putFaults({ outage: { ops: ['create', 'nope'], status: 200, forMs: -1 } });
    expect(res.status).toBe(400);
    expect((await json(res)).problems).toEqual([
      expect.stringMatching(/^outage\.ops/),
      expect.stringMatching(/^outage\.status/),
      expect.stringMatching(/^outage\.forMs/),
    ]);
  });

  it('token 503 answers like an unavailable IAM behind the gateway', async () => {
    sim.setFaults({ errorRates: { token: { 503: 1 } } });
    const res = await fetch(`${url}/v3/auth/tokens`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(503);
    expect((await json(res)).error_code).toBe('APIG.0613');
  });

  it('draws the same failures for the same seed', async () => {
    const run = async () => {
      sim.reset();
      sim.setFaults({ seed: 42, errorRates: { create: { 503: 0.5 } } });
      const statuses = [];
      for (let i = 0; i < 12; i++) statuses.push((await create(`seeded-${i}`)).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });
});

describe('dropped responses', () => {
  it('dropAfterCreate creates the job, then hangs up: fetch rejects, the job exists, the call shows status 0', async () => {
    sim.setFaults({ dropAfterCreateRate: 1 });
    await expect(create('ghost')).rejects.toThrow();
    expect(sim.jobs()).toMatchObject([{ job_name: 'ghost', status: 1, deleted: false }]);
    expect(sim.calls()).toMatchObject([{ op: 'create', status: 0, job_name: 'ghost', job_id: 10000 }]);
    sim.setFaults({});
    const retry = await create('ghost');
    expect((await json(retry)).error_code).toBe('ModelArts.0103');
  });
});

describe('throttling', () => {
  it('answers 429 APIG.0308 with Retry-After when throttle.retryAfterSec is set', async () => {
    sim.setFaults({ throttle: { rate: 1, retryAfterSec: 3 } });
    const res = await fetch(url + BASE);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect((await json(res)).error_code).toBe('APIG.0308');
  });

  it('can throttle with a ModelArts code instead, in the v1 envelope, without Retry-After', async () => {
    sim.setFaults({ throttle: { rate: 1, code: 'ModelArts.4206' } });
    const res = await create('throttled');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(await json(res)).toMatchObject({ is_success: false, error_code: 'ModelArts.4206' });
    expect(sim.jobs()).toEqual([]);
  });

  it('throttleNext throttles exactly the next N ModelArts calls', async () => {
    sim.setFaults({ throttleNext: 2 });
    const statuses = [];
    for (const name of ['t1', 't2', 't3']) statuses.push((await create(name)).status);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('throttles only the operations throttle.ops names, leaving the other calls alone and the count untouched', async () => {
    sim.setFaults({ throttleNext: 1, throttle: { rate: 0, ops: ['create'] } });
    expect((await fetch(url + BASE)).status).toBe(200);
    expect((await create('t4')).status).toBe(429);
    expect((await create('t5')).status).toBe(200);
    expect(parseFaultConfig({ throttle: { rate: 0, ops: ['create', 'fly'] } })).toEqual({ ok: false, problems: [expect.stringContaining('throttle.ops')] });
  });
});

describe('latency and quota', () => {
  it('adds latencyMs to every ModelArts call, and latencySpikeMs at the spike rate', async () => {
    sim.setFaults({ latencyMs: 120 });
    let started = performance.now();
    expect((await fetch(url + BASE)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    sim.setFaults({ latencySpikeMs: 200, latencySpikeRate: 1 });
    started = performance.now();
    await fetch(url + BASE);
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    // Control endpoints are not ModelArts calls: no latency, and not logged.
    const before = sim.calls().length;
    await fetch(`${url}/__sim/stats`);
    expect(sim.calls().length).toBe(before);
  });

  it('refuses creates beyond maxActiveJobs with 400 ModelArts.0118 until jobs finish', async () => {
    sim.setFaults({ maxActiveJobs: 2 });
    expect([(await create('q1')).status, (await create('q2')).status]).toEqual([200, 200]);
    const over = await create('q3');
    expect([over.status, (await json(over)).error_code]).toEqual([400, 'ModelArts.0118']);
    expect((await json(await fetch(url + BASE))).job_count_limit).toBe(0);
    now = T0 + 10_000;
    expect((await create('q3')).status).toBe(200);
  });

  it('refuses an invalid fault config on PUT /__sim/faults, listing every problem', async () => {
    const res = await putFaults({ latencySpikeRate: 2, failNamePattern: '(', errorRates: { launch: { 503: 1 } } });
    expect(res.status).toBe(400);
    const { problems } = await json(res);
    expect(problems.join('\n')).toMatch(/latencySpikeRate[\s\S]*failNamePattern[\s\S]*errorRates\.launch/);
  });
});
