import type { TrainingJobBody } from '@jobgate/contracts/records';
import { Stack, eventually } from './support/stack';
import { WebhookReceiver } from './support/webhook-receiver';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
/** Each log file gets this many lines over a version's RUNNING phase: more than one 500-line page. */
const LOG_LINES = 1_200;
/** The account's quota on jobs running at once, below MAX_ACTIVE_JOBS. */
const QUOTA = 3;

/** A job ModelArts can make a new version of (train_url and model_id), with one parameter. */
function versionable(name: string, config: Partial<TrainingJobBody['config']> = {}): TrainingJobBody {
  return {
    job_name: name,
    config: {
      worker_server_num: 1,
      app_url: '/usr/app/',
      boot_file_url: '/usr/app/boot.py',
      data_url: '/usr/data/',
      spec_id: 1,
      engine_id: 1,
      train_url: '/usr/train/',
      model_id: 1,
      parameter: [{ label: 'learning_rate', value: '0.01' }],
      ...config,
    },
  };
}

type LogPage = { files: string[]; file: string | null; lines: string[]; first_line: number | null; next_cursor: string | null; hint: string | null };

/**
 * The rest of ModelArts through jobgate, end to end (api, worker and poller processes on the
 * simulator): intake checked against the account's flavors and engines, job logs read, paged and
 * followed to the end, a rerun as version V0002 of the same ModelArts job exactly once under
 * injected faults, and the account quota applied and exported.
 */
describe('logs, account checks, reruns as versions and the quota, end to end', () => {
  const receiver = new WebhookReceiver();
  const stack = new Stack({
    roles: { api: 1, worker: 1, poller: 1 },
    env: {
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8',
      WEBHOOK_RETRY_SCHEDULE: '1,1,1',
      POLL_INTERVAL_MS: '300',
      MAX_ACTIVE_JOBS: '10',
    },
    simEnv: {
      SIM_INIT_MS: '200',
      SIM_WAITING_MS: '300',
      SIM_RUNNING_MS: '3000',
      SIM_LOG_LINES: String(LOG_LINES),
      SIM_FAULTS: JSON.stringify({ maxActiveJobs: QUOTA }),
    },
  });

  beforeAll(async () => {
    await receiver.start();
    await stack.start();
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
    await receiver.stop();
  });

  const job = async (id: string) => (await stack.api(`/v1/jobs/${id}`)).body;
  const reaches = (id: string, status: string, timeoutMs = 60_000) =>
    eventually(async () => ((await job(id)).status === status ? job(id) : null), { what: `job ${id} ${status}`, timeoutMs });
  const submit = async (trainingJob: TrainingJobBody) => {
    const res = await stack.api('/v1/jobs', { body: { training_job: trainingJob, webhook_url: `${receiver.url}/hook` } });
    expect(res.status).toBe(202);
    return res.body as { id: string };
  };

  it('refuses an unknown spec_id or engine_id and too many workers at intake, naming the field and the valid values', async () => {
    const refused = await stack.api('/v1/jobs', { body: { training_job: versionable('bad-resources', { spec_id: 99, engine_id: 42 }) } });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.errors).toEqual([
      {
        path: 'training_job.config.spec_id',
        message: expect.stringContaining(
          "must be one of the account's training flavors: 1 (modelarts.vm.cpu.2u, max 2 workers); 2 (modelarts.vm.cpu.8u, max 5 workers); 3 (modelarts.vm.gpu.v100, max 4 workers, no capacity now)",
        ),
      },
      {
        path: 'training_job.config.engine_id',
        message: expect.stringContaining("must be one of the account's engines: 1 (TensorFlow TF-1.4.0-python2.7); 4 (TensorFlow TF-1.8.0-python3.6)"),
      },
    ]);
    const tooMany = await stack.api('/v1/jobs', { body: { training_job: versionable('too-many', { worker_server_num: 3 }) } });
    expect([tooMany.status, tooMany.body.errors]).toEqual([
      400,
      [{ path: 'training_job.config.worker_server_num', message: 'must be at most 2, the max_num of flavor 1 (modelarts.vm.cpu.2u)' }],
    ]);
    expect((await stack.sim('/jobs')).map((j: { job_name: string }) => j.job_name)).toEqual([]);

    const specs = (await stack.api('/v1/modelarts/specs')).body;
    expect(specs.items.map((s: { spec_id: string; max_num: number; no_resource: boolean }) => [s.spec_id, s.max_num, s.no_resource])).toEqual([
      ['1', 2, false],
      ['2', 5, false],
      ['3', 4, true],
    ]);
    expect((await stack.api('/v1/modelarts/engines')).body.items.map((e: { engine_id: string }) => e.engine_id)).toEqual(['1', '4', '100', '122']);
  });

  it("reads a distributed job's logs while it runs, pages them 500 lines at a time and follows each file to its end", async () => {
    const { id } = await submit(versionable('logged', { worker_server_num: 2 }));
    const early = (await stack.api(`/v1/jobs/${id}/logs`)).body as LogPage;
    expect(early.lines).toEqual([]);
    expect(early.next_cursor).not.toBeNull();
    expect(early.hint).toMatch(/not reached ModelArts|ModelArts\.2776/);

    const followed = await follow(id, 'job-logged.0');
    await follow(id, 'job-logged.1', LOG_LINES);
    expect(followed.pages.some((p) => p.next_cursor !== null && p.lines.length > 0 && p.lines.length < 500)).toBe(true); // read while it ran
    expect(Math.max(...followed.pages.map((p) => p.lines.length))).toBeLessThanOrEqual(500);
    expect(followed.lines[0]).toBe('[worker 1/2] logged V0001 started: learning_rate=0.01');
    expect(followed.lines.at(-1)).toBe('[worker 1/2] training completed');
    expect((await job(id)).status).toBe('succeeded');
    // An ended job's log can be read again from any cursor, in pages of up to 500 lines.
    const middle = (await stack.api(`/v1/jobs/${id}/logs?cursor=600&lines=500`)).body as LogPage;
    expect([middle.first_line, middle.lines.length, middle.next_cursor]).toEqual([601, 500, '1100']);
    const bad = await stack.api(`/v1/jobs/${id}/logs?file=job-logged.7`);
    expect([bad.status, bad.body.errors[0].message]).toEqual([400, "must be one of the job's log files: job-logged.0, job-logged.1"]);
  }, 90_000);

  it('answers 410 for a log ModelArts has cleared', async () => {
    const { id } = await submit(versionable('cleared'));
    const record = await reaches(id, 'succeeded');
    await stack.sim(`/jobs/${record.modelarts.job_id}/versions/${record.modelarts.version_id}/clear-logs`, { method: 'POST' });
    const gone = await stack.api(`/v1/jobs/${id}/logs`);
    expect([gone.status, gone.body.code]).toEqual([410, 'log_cleared']);
    expect(gone.body.detail).toContain('ModelArts.2819');
  });

  it('reruns a job with a changed parameter as version V0002 of the same ModelArts job, exactly once under a 429 and a lost answer, to its end with its webhooks', async () => {
    const { id: originalId } = await submit(versionable('rerun-me'));
    const original = await reaches(originalId, 'succeeded');
    // The first create-version is throttled; the next one creates V0002 and its answer is lost.
    await stack.sim('/faults', {
      method: 'PUT',
      body: { maxActiveJobs: QUOTA, throttleNext: 1, throttle: { rate: 0, retryAfterSec: 1, ops: ['create_version'] }, dropAfterCreateRate: 1 },
    });
    const accepted = await stack.api(`/v1/jobs/${originalId}/rerun`, { body: { config: { parameter: [{ label: 'learning_rate', value: '0.02' }] } } });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      status: 'queued',
      rerun_of: originalId,
      job_name: 'rerun-me',
      modelarts: { job_id: original.modelarts.job_id, version_id: null, pre_version_id: original.modelarts.version_id },
    });
    const rerunId = accepted.body.id as string;
    await eventually(async () => (await stack.sim('/calls')).some((c: { op: string; status: number }) => c.op === 'create_version' && c.status === 0), {
      what: 'the lost create-version answer',
    });
    await stack.sim('/faults', { method: 'PUT', body: { maxActiveJobs: QUOTA } });

    const done = await reaches(rerunId, 'succeeded');
    expect(done.modelarts).toMatchObject({ job_id: original.modelarts.job_id, version_name: 'V0002', pre_version_id: original.modelarts.version_id });
    const [simJob] = (await stack.sim('/jobs')).filter((j: { job_name: string }) => j.job_name === 'rerun-me');
    expect(simJob.versions.map((v: { version_name: string; pre_version_id: number }) => [v.version_name, v.pre_version_id])).toEqual([
      ['V0001', 0],
      ['V0002', Number(original.modelarts.version_id)],
    ]);
    expect(simJob.versions[1].config.parameter).toEqual([{ label: 'learning_rate', value: '0.02' }]);
    expect(String(simJob.versions[1].version_id)).toBe(done.modelarts.version_id);
    const versionCalls = (await stack.sim('/calls')).filter((c: { op: string }) => c.op === 'create_version').map((c: { status: number }) => c.status);
    expect(versionCalls).toEqual([429, 0]); // adopted after the lost answer: no third call, no V0003
    expect((await stack.api(`/v1/jobs/${rerunId}/attempts`)).body.items.map((a: { outcome: string }) => a.outcome)).toEqual(['throttled', 'unknown']);

    // Followed like any job: its webhooks, in order, and its own log.
    const events = await eventually(
      async () => {
        const types = receiver
          .at('/hook', SECRET)
          .filter((h) => JSON.parse(h.body).data.id === rerunId)
          .map((h) => h.type);
        return types.length >= 3 ? types : null;
      },
      { what: "the rerun's three webhooks" },
    );
    expect(events).toEqual(['job.submitted', 'job.running', 'job.succeeded']);
    const log = (await stack.api(`/v1/jobs/${rerunId}/logs?lines=1`)).body as LogPage;
    expect(log.lines).toEqual(['[worker 1/1] rerun-me V0002 started: learning_rate=0.02']);
    const versions = (await stack.api(`/v1/jobs/${originalId}/versions`)).body.items;
    expect(versions.map((v: { id: string; version_name: string }) => [v.id, v.version_name])).toEqual([
      [originalId, 'V0001'],
      [rerunId, 'V0002'],
    ]);
  }, 120_000);

  it('applies the account quota below MAX_ACTIVE_JOBS, so no create is refused for it, and exports it as metrics', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => submit(versionable(`quota-${i}`)).then((j) => j.id)));
    for (const id of ids) await reaches(id, 'succeeded', 90_000);
    const refusedForQuota = (await stack.sim('/calls')).filter((c: { error_code?: string }) => c.error_code === 'ModelArts.0118');
    expect(refusedForQuota).toEqual([]);
    const metrics = await (await fetch(`${stack.apiUrl}/metrics`)).text();
    expect(metrics).toContain(`jobgate_modelarts_quota ${QUOTA}`);
    expect(metrics).toMatch(/^jobgate_modelarts_job_count_limit \d+$/m);
    expect(metrics).toContain('jobgate_max_active_jobs 10');
    expect(metrics).toContain(`jobgate_max_active_jobs_applied ${QUOTA}`);
  }, 150_000);

  it("does not block intake when ModelArts cannot tell the flavors: the job is accepted and ModelArts' refusal fails it with its code", async () => {
    await stack.sim('/faults', { method: 'PUT', body: { maxActiveJobs: QUOTA, errorRates: { specs: { 503: 1 }, engines: { 503: 1 } } } });
    await stack.startRole('api'); // a new api, which has never read the lists
    const accepted = await stack.api('/v1/jobs', { body: { training_job: versionable('unchecked', { spec_id: 99 }) } });
    expect(accepted.status).toBe(202);
    const failed = await reaches(accepted.body.id, 'failed');
    expect(failed.error).toMatchObject({ code: 'ModelArts.2781', retryable: false });
    expect((await stack.api('/v1/modelarts/specs')).status).toBe(503);
  });

  /** Reads one file from the start, page after page, until next_cursor is null; checks the line numbers run on. */
  async function follow(id: string, file: string, expected = LOG_LINES): Promise<{ lines: string[]; pages: LogPage[] }> {
    const lines: string[] = [];
    const pages: LogPage[] = [];
    let cursor: string | null = '0';
    while (cursor !== null) {
      const page: LogPage = (await stack.api(`/v1/jobs/${id}/logs?file=${file}&cursor=${cursor}`)).body;
      pages.push(page);
      if (page.first_line !== null) expect(page.first_line).toBe(lines.length + 1);
      lines.push(...page.lines);
      cursor = page.next_cursor;
      if (cursor !== null && page.lines.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(lines).toHaveLength(expected);
    return { lines, pages };
  }
});
