import { randomTrials } from '@jobgate/contracts';
import { Stack, eventually } from './support/stack';
import { sampleJob } from './support/seed-samples';
import { WebhookReceiver } from './support/webhook-receiver';

// RUNNING long enough for 6 steps of a learning curve to arrive before a stop can land.
const SIM = { SIM_INIT_MS: '100', SIM_WAITING_MS: '100', SIM_RUNNING_MS: '1400', SIM_TRAIN: 'branin', SIM_TRAIN_STEPS: '6' };
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ENV = { POLL_INTERVAL_MS: '250', SUBMIT_RATE_LIMIT: '50', MAX_ACTIVE_JOBS: '1000', WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8' };
const PARAMETERS = { x1: { min: -5, max: 10 }, x2: { min: 0, max: 15 } };
const SEED = 7;

function branin(x1: number, x2: number): number {
  return (x2 - (5.1 / (4 * Math.PI ** 2)) * x1 ** 2 + (5 / Math.PI) * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
}

/** A bayes sweep with reporting and median stopping, against a simulator whose jobs train on Branin. */
describe('sweeps that learn, end to end', () => {
  const receiver = new WebhookReceiver();
  let stack: Stack;
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  afterEach(() => stack?.stop());

  it('proposes trials by TPE from reported curves, stops laggards through ModelArts and names the best trial', async () => {
    stack = await new Stack({ roles: { api: 1, worker: 1, poller: 1 }, env: ENV, simEnv: SIM }).start();
    const res = await stack.api('/v1/sweeps', {
      body: {
        name: 'branin',
        template: { training_job: sampleJob('branin'), webhook_url: `${receiver.url}/learn` },
        method: 'bayes',
        parameters: PARAMETERS,
        max_trials: 16,
        max_parallel: 4,
        seed: SEED,
        objective: { metric: 'loss', goal: 'minimize' },
        reporting: true,
        early_stopping: { type: 'median', min_trials: 3, start_step: 2 },
      },
    });
    expect(res.status).toBe(202);
    const ended = await eventually(
      async () => {
        const r = await stack.api(`/v1/sweeps/${res.body.id}`);
        return ['succeeded', 'failed', 'canceled'].includes(r.body.status) ? r.body : null;
      },
      { timeoutMs: 120_000, what: 'the sweep to end' },
    );
    const done = { ...ended, trials: (await stack.api(`/v1/sweeps/${res.body.id}/trials?limit=1000`)).body.items };

    expect(done.status).toBe('succeeded');
    expect(done.counts.failed).toBe(0);
    // Laggards were stopped: canceled trials, each flagged, each stopped in the simulator.
    expect(done.early_stopped).toBeGreaterThan(0);
    const stopped = done.trials.filter((t: { early_stopped: boolean }) => t.early_stopped);
    expect(stopped).toHaveLength(done.early_stopped);
    expect(done.counts.canceled).toBe(done.early_stopped);
    const simJobs = await stack.sim('/jobs');
    for (const trial of stopped) {
      expect(trial.status).toBe('canceled');
      expect(simJobs.find((j: { job_name: string }) => j.job_name === trial.job_name).stopped).toBe(true);
    }
    // Every trial reported a curve with its own token; finished ones all 6 steps and the final value.
    for (const trial of done.trials) {
      const metrics = (await stack.api(`/v1/jobs/${trial.id}/metrics`)).body;
      expect(metrics.steps.length).toBeGreaterThan(0);
      if (trial.status === 'succeeded') {
        expect(metrics.steps.map((s: { step: number }) => s.step)).toEqual([0, 1, 2, 3, 4, 5]);
        expect(metrics.metrics.loss).toBeCloseTo(branin(Number(trial.parameters.x1), Number(trial.parameters.x2)), 6);
      }
    }
    // The first 10 trials are the random start-up draws. TPE takes over once 10 trials have ended:
    // with 4 in flight, trial 14 is the first whose release is sure to come after that.
    const random = randomTrials(PARAMETERS, 16, SEED);
    expect(done.trials.slice(0, 10).map((t: { parameters: unknown }) => t.parameters)).toEqual(random.slice(0, 10));
    for (const trial of done.trials.slice(13)) expect(trial.parameters).not.toEqual(random[trial.trial - 1]);
    // The best trial is named, by the final loss.
    const finished = done.trials.filter((t: { status: string }) => t.status === 'succeeded');
    expect(done.best_trial.metrics.loss).toBe(Math.min(...finished.map((t: { metrics: { loss: number } }) => t.metrics.loss)));

    // sweep.completed counts the stopped trials apart from failures and names the same best trial.
    const completed = await eventually(async () => receiver.at('/learn', SECRET).find((w) => w.type === 'sweep.completed'), {
      what: 'the sweep.completed webhook',
    });
    expect(JSON.parse(completed.body).data).toMatchObject({ early_stopped: done.early_stopped, counts: { failed: 0 }, best_trial: { id: done.best_trial.id } });

    // A trial's token reports for that trial only: refused (401) for another job and any other route.
    // The token as the training code got it from ModelArts; jobgate's own records hide it.
    const job = (await stack.api(`/v1/jobs/${done.trials[0].id}`)).body;
    expect(job.training_job.config.parameter.find((p: { label: string }) => p.label === 'jobgate_report_token').value).toBe('[hidden]');
    const token = simJobs
      .find((j: { job_name: string }) => j.job_name === done.trials[0].job_name)
      .body.config.parameter.find((p: { label: string }) => p.label === 'jobgate_report_token').value;
    expect(token).toMatch(/^jgr_/);
    // Job webhooks carry the job record, with the token hidden too.
    const hooks = receiver.at('/learn');
    expect(hooks.filter((w) => w.type === 'job.succeeded').length).toBeGreaterThan(0);
    expect(hooks.some((w) => w.body.includes(token))).toBe(false);
    const as = { Authorization: `Bearer ${token}` };
    expect((await stack.api(`/v1/jobs/${done.trials[1].id}/metrics`, { body: { metrics: { loss: 0 } }, headers: as })).status).toBe(401);
    expect((await stack.api('/v1/jobs', { headers: as })).status).toBe(401);
    expect((await stack.api(`/v1/sweeps/${done.id}`, { headers: as })).status).toBe(401);
    expect((await stack.api(`/v1/jobs/${done.trials[0].id}/metrics`, { body: { step: 99, metrics: { loss: 1 } }, headers: as })).status).toBe(200);
  });
});
