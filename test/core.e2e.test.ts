import { AkSkAuth, ModelArtsClient } from '@jobgate/modelarts';
import { SIM_CREDENTIALS, Stack, eventually } from './support/stack';
import { seedSamples } from './support/seed-samples';

/** What a user sees: POST the seed page's own samples over HTTP, and find each created in ModelArts. */
describe('core path end to end: api + worker processes against the simulator', () => {
  const stack = new Stack();
  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('creates each of the seed samples in ModelArts with the same fields, and records the ModelArts ids', async () => {
    const accepted = [];
    for (const sample of seedSamples()) {
      const res = await stack.api('/v1/jobs', { body: { training_job: sample } });
      expect(res.status).toBe(202);
      accepted.push(res.body);
    }
    const simJobs = await eventually(
      async () => {
        const jobs = await stack.sim('/jobs');
        return jobs.length === 3 ? jobs : null;
      },
      { what: 'three jobs in the simulator' },
    );
    for (const sample of seedSamples()) {
      const simJob = simJobs.find((j: { job_name: string }) => j.job_name === sample.job_name);
      expect(simJob.body).toEqual(sample);
    }
    for (const job of accepted) {
      const record = await eventually(
        async () => {
          const r = await stack.api(`/v1/jobs/${job.id}`);
          return r.body.status !== 'queued' && r.body.status !== 'submitting' ? r.body : null;
        },
        { what: `job ${job.job_name} submitted` },
      );
      const simJob = simJobs.find((j: { job_name: string }) => j.job_name === job.job_name);
      expect(record.modelarts).toMatchObject({ job_id: String(simJob.job_id), version_id: String(simJob.version_id), version_name: 'V0001' });
      expect(record.attempts).toBe(1);
      expect(record.submitted_at).not.toBeNull();
      const events = (await stack.api(`/v1/jobs/${job.id}/events`)).body.items.map((e: { to_status: string }) => e.to_status);
      expect(events.slice(0, 3)).toEqual(['queued', 'submitting', 'submitted']);
      const attempts = (await stack.api(`/v1/jobs/${job.id}/attempts`)).body.items;
      expect(attempts).toEqual([expect.objectContaining({ attempt: 1, outcome: 'created', http_status: 200, error_code: null })]);
    }
    expect((await stack.api('/v1/jobs/00000000-0000-4000-8000-000000000000/events')).status).toBe(404);
    const calls = await stack.sim('/calls');
    expect(calls.filter((c: { op: string }) => c.op === 'create')).toHaveLength(3);
  });

  it('fails a job that ModelArts refuses, keeping the ModelArts error code, after one call', async () => {
    // The name already exists in ModelArts (created outside jobgate), so the first create gets ModelArts.0103.
    const sample = { ...seedSamples()[1]!, job_name: 'taken-outside-jobgate' };
    const outside = new ModelArtsClient({ endpoint: stack.simUrl, projectId: 'e2e-project', auth: new AkSkAuth(SIM_CREDENTIALS) });
    await outside.createTrainingJob(sample);
    await stack.sim('/calls', { method: 'DELETE' });
    const res = await stack.api('/v1/jobs', { body: { training_job: sample } });
    expect(res.status).toBe(202);
    const failed = await eventually(
      async () => {
        const r = await stack.api(`/v1/jobs/${res.body.id}`);
        return r.body.status === 'failed' ? r.body : null;
      },
      { what: 'the job to fail' },
    );
    expect(failed.error).toMatchObject({ code: 'ModelArts.0103', retryable: false });
    expect(failed.error.message).toMatch(/already exists in ModelArts/);
    expect(failed.modelarts).toBeNull();
    const creates = (await stack.sim('/calls')).filter((c: { op: string }) => c.op === 'create');
    expect(creates).toHaveLength(1);
    // A failed job gives its name back: the same name may be sent again (and fails again, for the same reason).
    expect((await stack.api('/v1/jobs', { body: { training_job: sample } })).status).toBe(202);
  });

  it('refuses a second job with the name of a live one (409) and replays an Idempotency-Key', async () => {
    const sample = { ...seedSamples()[0]!, job_name: 'idempotent-e2e' };
    const first = await stack.api('/v1/jobs', { body: { training_job: sample }, headers: { 'Idempotency-Key': 'e2e-1' } });
    const replay = await stack.api('/v1/jobs', { body: { training_job: sample }, headers: { 'Idempotency-Key': 'e2e-1' } });
    expect(replay.status).toBe(202);
    expect(replay.body.id).toBe(first.body.id);
    expect((await stack.api('/v1/jobs', { body: { training_job: sample } })).status).toBe(409);
    await eventually(async () => (await stack.api(`/v1/jobs/${first.body.id}`)).body.status === 'submitted');
    const creates = (await stack.sim('/jobs')).filter((j: { job_name: string }) => j.job_name === 'idempotent-e2e');
    expect(creates).toHaveLength(1);
  });
});
