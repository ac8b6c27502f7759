import type { JobgateClient } from '@jobgate/client';
import { AkSkAuth, ModelArtsClient } from '@jobgate/modelarts';
import { SIM_CREDENTIALS, Stack, eventually } from './support/stack';
import { seedSamples } from './support/seed-samples';
import { stackClient } from './support/jobgate-client';

/** What a user sees: POST the seed page's own samples through @jobgate/client, and find each created in ModelArts. */
describe('core path end to end: api + worker processes against the simulator', () => {
  const stack = new Stack();
  let client: JobgateClient;
  beforeAll(async () => {
    await stack.start();
    client = stackClient(stack);
  });
  afterAll(() => stack.stop());

  const job = (id: string) => client.GET('/v1/jobs/{id}', { params: { path: { id } } });

  it('creates each of the seed samples in ModelArts with the same fields, and records the ModelArts ids', async () => {
    const accepted = [];
    for (const sample of seedSamples()) {
      const { data, response } = await client.POST('/v1/jobs', { body: { training_job: sample } });
      expect(response.status).toBe(202);
      accepted.push(data!);
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
    for (const submitted of accepted) {
      const record = await eventually(
        async () => {
          const { data } = await job(submitted.id);
          return data && data.status !== 'queued' && data.status !== 'submitting' ? data : null;
        },
        { what: `job ${submitted.job_name} submitted` },
      );
      const simJob = simJobs.find((j: { job_name: string }) => j.job_name === submitted.job_name);
      expect(record.modelarts).toMatchObject({ job_id: String(simJob.job_id), version_id: String(simJob.version_id), version_name: 'V0001' });
      expect(record.attempts).toBe(1);
      expect(record.submitted_at).not.toBeNull();
      const path = { params: { path: { id: submitted.id } } };
      const events = (await client.GET('/v1/jobs/{id}/events', path)).data!.items.map((e) => e.to_status);
      expect(events.slice(0, 3)).toEqual(['queued', 'submitting', 'submitted']);
      const attempts = (await client.GET('/v1/jobs/{id}/attempts', path)).data!.items;
      expect(attempts).toEqual([expect.objectContaining({ attempt: 1, outcome: 'created', http_status: 200, error_code: null })]);
    }
    const unknown = await client.GET('/v1/jobs/{id}/events', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
    expect(unknown.response.status).toBe(404);
    const calls = await stack.sim('/calls');
    expect(calls.filter((c: { op: string }) => c.op === 'create')).toHaveLength(3);
  });

  it('fails a job that ModelArts refuses, keeping the ModelArts error code, after one call', async () => {
    // The name already exists in ModelArts (created outside jobgate), so the first create gets ModelArts.0103.
    const sample = { ...seedSamples()[1]!, job_name: 'taken-outside-jobgate' };
    const outside = new ModelArtsClient({ endpoint: stack.simUrl, projectId: 'e2e-project', auth: new AkSkAuth(SIM_CREDENTIALS) });
    await outside.createTrainingJob(sample);
    await stack.sim('/calls', { method: 'DELETE' });
    const res = await client.POST('/v1/jobs', { body: { training_job: sample } });
    expect(res.response.status).toBe(202);
    const failed = await eventually(
      async () => {
        const { data } = await job(res.data!.id);
        return data?.status === 'failed' ? data : null;
      },
      { what: 'the job to fail' },
    );
    expect(failed.error).toMatchObject({ code: 'ModelArts.0103', retryable: false });
    expect(failed.error!.message).toMatch(/already exists in ModelArts/);
    expect(failed.modelarts).toBeNull();
    const creates = (await stack.sim('/calls')).filter((c: { op: string }) => c.op === 'create');
    expect(creates).toHaveLength(1);
    // A failed job gives its name back: the same name may be sent again (and fails again, for the same reason).
    expect((await client.POST('/v1/jobs', { body: { training_job: sample } })).response.status).toBe(202);
  });

  it('refuses a second job with the name of a live one (409) and replays an Idempotency-Key', async () => {
    const sample = { ...seedSamples()[0]!, job_name: 'idempotent-e2e' };
    const keyed = { body: { training_job: sample }, params: { header: { 'Idempotency-Key': 'e2e-1' } } };
    const first = await client.POST('/v1/jobs', keyed);
    const replay = await client.POST('/v1/jobs', keyed);
    expect(replay.response.status).toBe(202);
    expect(replay.data!.id).toBe(first.data!.id);
    const taken = await client.POST('/v1/jobs', { body: { training_job: sample } });
    expect([taken.response.status, taken.error?.status]).toEqual([409, 409]);
    await eventually(async () => (await job(first.data!.id)).data?.status === 'submitted');
    const creates = (await stack.sim('/jobs')).filter((j: { job_name: string }) => j.job_name === 'idempotent-e2e');
    expect(creates).toHaveLength(1);
  });
});
