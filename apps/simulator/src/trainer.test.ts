import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulator, type Simulator } from './server';
import { branin } from './trainer';

const BASE = '/v1/sim-project/training-jobs';
const config = (parameter: { label: string; value: string }[]) => ({
  worker_server_num: 1,
  app_url: '/usr/app/',
  boot_file_url: '/usr/app/boot.py',
  data_url: '/d/',
  spec_id: 1,
  engine_id: 1,
  model_id: 1,
  parameter,
});

/** A stand-in for jobgate's report route: records what arrives, refuses a wrong token with 401. */
function receiver(): Promise<{ server: Server; url: string; got: Array<{ path: string; auth: string; body: any }> }> {
  const got: Array<{ path: string; auth: string; body: any }> = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      got.push({ path: req.url ?? '', auth: req.headers.authorization ?? '', body: JSON.parse(raw) });
      res.writeHead(req.headers.authorization === 'Bearer jgr_good' ? 200 : 401).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got })),
  );
}

describe('the simulator as a trainer', () => {
  let sim: Simulator;
  let url: string;
  let sink: Awaited<ReturnType<typeof receiver>>;
  beforeEach(async () => {
    sink = await receiver();
    sim = createSimulator({ timeline: { initMs: 10, waitingMs: 10, runningMs: 400, killMs: 10 }, training: { fn: 'branin', steps: 4 } });
    url = await sim.listen(0);
  });
  afterEach(async () => {
    await sim.close();
    await new Promise((r) => sink.server.close(r));
  });

  const create = (name: string, parameter: { label: string; value: string }[]) =>
    fetch(url + BASE, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ job_name: name, config: config(parameter) }),
    }).then((r) => r.json() as Promise<{ job_id: number }>);
  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('reports a falling learning curve of Branin by step, then the final value, with the token it was given', async () => {
    await create('train', [
      { label: 'x1', value: '3' },
      { label: 'x2', value: '2' },
      { label: 'jobgate_report_url', value: `${sink.url}/v1/jobs/j1/metrics` },
      { label: 'jobgate_report_token', value: 'jgr_good' },
    ]);
    await create('no-report', [{ label: 'x1', value: '3' }]); // no URL or token: trains silently
    await settle(600);
    const target = branin(3, 2);
    expect(sink.got.map((g) => g.path)).toEqual(Array(5).fill('/v1/jobs/j1/metrics'));
    expect(sink.got.every((g) => g.auth === 'Bearer jgr_good')).toBe(true);
    expect(sink.got.map((g) => g.body)).toEqual([
      ...[0, 1, 2, 3].map((step) => ({ step, metrics: { loss: target + 20 * 0.6 ** step } })),
      { metrics: { loss: target } },
    ]);
  });

  it('stops reporting when the job is stopped', async () => {
    const { job_id } = await create('stopped', [
      { label: 'x1', value: '0' },
      { label: 'jobgate_report_url', value: `${sink.url}/m` },
      { label: 'jobgate_report_token', value: 'jgr_good' },
    ]);
    await settle(150); // RUNNING from 20 ms, a step every 80 ms: one step reported
    await fetch(`${url}${BASE}/${job_id}/versions/20000/stop`, { method: 'POST' });
    const seen = sink.got.length;
    await settle(450);
    expect(seen).toBeGreaterThanOrEqual(1);
    expect(sink.got.length).toBe(seen);
    expect(sink.got.some((g) => g.body.step === undefined)).toBe(false); // no final metrics
  });

  it('trains each version with its own parameters, and a stopped version stops alone', async () => {
    const report = (path: string) => [
      { label: 'jobgate_report_url', value: `${sink.url}${path}` },
      { label: 'jobgate_report_token', value: 'jgr_good' },
    ];
    const { job_id } = await create('versions', [{ label: 'x1', value: '0' }, { label: 'x2', value: '0' }, ...report('/v1')]);
    const version = await fetch(`${url}${BASE}/${job_id}/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        config: { ...config([{ label: 'x1', value: '3' }, { label: 'x2', value: '2' }, ...report('/v2')]), pre_version_id: 20000, train_url: '/t/' },
      }),
    }).then((r) => r.json() as Promise<{ version_id: number }>);
    expect(version.version_id).toBe(20001);
    await settle(60);
    await fetch(`${url}${BASE}/${job_id}/versions/20000/stop`, { method: 'POST' });
    await settle(600);
    expect(sink.got.filter((g) => g.path === '/v1').every((g) => g.body.step !== undefined)).toBe(true); // stopped: no final metrics
    expect(
      sink.got
        .filter((g) => g.path === '/v2')
        .map((g) => g.body)
        .at(-1),
    ).toEqual({ metrics: { loss: branin(3, 2) } });
    expect(sink.got.filter((g) => g.path === '/v2')).toHaveLength(5);
  });
});
