import request from 'supertest';
import { sampleJob } from '../../../../test/support/seed-samples';
import { gridSweepBody, testAuth as auth, useSweepApp } from '../../../../test/support/sweeps';

type Parameter = { label: string; value: string };

describe('report tokens (real PostgreSQL and Redis)', () => {
  const t = useSweepApp();

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('gives each trial of a reporting sweep its own URL and token, which report for that trial and nothing else', async () => {
    const body = gridSweepBody('rep', { parameters: { lr: { values: [1, 2] } }, reporting: true, objective: { metric: 'loss', goal: 'minimize' } });
    const created = await request(t.app).post('/v1/sweeps').set(auth).set('Host', 'jobgate.test:8080').send(body).expect(202);
    expect(created.body).toMatchObject({ reporting: true, early_stopping: null, early_stopped: 0 });
    const trials = (await request(t.app).get(`/v1/sweeps/${created.body.id}/trials`).set(auth)).body.items as { id: string }[];
    // What ModelArts will be sent (the stored body); records show the token to no one.
    const stored = await t.db.pool.query<{ training_job: { config: { parameter: Parameter[] } } }>(
      `SELECT training_job FROM ${t.db.t.jobs} WHERE sweep_id = $1 ORDER BY sweep_trial`,
      [created.body.id],
    );
    const [first, second] = stored.rows.map((r) => Object.fromEntries(r.training_job.config.parameter.map(({ label, value }) => [label, value])));
    const shown = (await request(t.app).get(`/v1/jobs/${trials[0]!.id}`).set(auth)).body.training_job.config.parameter as Parameter[];
    expect(shown.find((p) => p.label === 'jobgate_report_token')!.value).toBe('[hidden]');
    expect(shown.find((p) => p.label === 'jobgate_report_url')!.value).toBe(first!.jobgate_report_url);
    const listed = (await request(t.app).get(`/v1/jobs?sweep_id=${created.body.id}`).set(auth)).body.items;
    expect(JSON.stringify(listed)).not.toContain(first!.jobgate_report_token);
    expect(JSON.stringify(listed)).not.toContain(second!.jobgate_report_token);
    expect(first!.jobgate_report_url).toBe(`http://jobgate.test:8080/v1/jobs/${trials[0]!.id}/metrics`);
    expect(first!.jobgate_report_token).toMatch(/^jgr_[A-Za-z0-9_-]{43}$/);
    expect(second!.jobgate_report_token).not.toBe(first!.jobgate_report_token);
    expect(first!.lr).toBe('1'); // the searched values stay

    const token = bearer(first!.jobgate_report_token!);
    await request(t.app)
      .post(`/v1/jobs/${trials[0]!.id}/metrics`)
      .set(token)
      .send({ step: 1, metrics: { loss: 0.5 } })
      .expect(200);
    await request(t.app)
      .post(`/v1/jobs/${trials[0]!.id}/metrics`)
      .set(token)
      .send({ metrics: { loss: 0.4 } })
      .expect(200);
    expect((await request(t.app).get(`/v1/jobs/${trials[0]!.id}/metrics`).set(auth)).body).toMatchObject({
      metrics: { loss: 0.4 },
      steps: [{ step: 1, metrics: { loss: 0.5 } }],
    });

    // Refused for the other trial and for every other route, even reads of its own job.
    const refused = [
      request(t.app)
        .post(`/v1/jobs/${trials[1]!.id}/metrics`)
        .set(token)
        .send({ metrics: { loss: 0 } }),
      request(t.app).get(`/v1/jobs/${trials[0]!.id}/metrics`).set(token),
      request(t.app).get(`/v1/jobs/${trials[0]!.id}`).set(token),
      request(t.app).get('/v1/jobs').set(token),
      request(t.app)
        .post('/v1/jobs')
        .set(token)
        .send({ training_job: sampleJob('sneaky') }),
      request(t.app).post(`/v1/jobs/${trials[0]!.id}/cancel`).set(token),
      request(t.app).post(`/v1/jobs/${trials[0]!.id}/report-token`).set(token),
      request(t.app).get(`/v1/sweeps/${created.body.id}`).set(token),
      request(t.app).get('/v1/teams').set(token),
    ];
    for (const res of await Promise.all(refused)) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('report_token_scope');
    }
    expect((await request(t.app).get(`/v1/jobs/${trials[1]!.id}/metrics`).set(auth)).body.metrics).toBeNull();
    expect((await request(t.app).get(`/v1/jobs/${trials[0]!.id}`).set(auth)).body.status).toBe('queued'); // not canceled
  });

  it('rotates a job’s token: the new one works, the old one is refused, and it is shown only in the answer', async () => {
    const job = (
      await request(t.app)
        .post('/v1/jobs')
        .set(auth)
        .send({ training_job: sampleJob('rotating') })
        .expect(202)
    ).body;
    const first = await request(t.app).post(`/v1/jobs/${job.id}/report-token`).set(auth).expect(201);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.body).toEqual({ job_id: job.id, report_token: expect.stringMatching(/^jgr_/) });
    await request(t.app)
      .post(`/v1/jobs/${job.id}/metrics`)
      .set(bearer(first.body.report_token))
      .send({ step: 0, metrics: { acc: 0.1 } })
      .expect(200);
    const second = (await request(t.app).post(`/v1/jobs/${job.id}/report-token`).set(auth).expect(201)).body.report_token;
    const old = await request(t.app)
      .post(`/v1/jobs/${job.id}/metrics`)
      .set(bearer(first.body.report_token))
      .send({ step: 1, metrics: { acc: 0.2 } });
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('invalid_api_key');
    await request(t.app)
      .post(`/v1/jobs/${job.id}/metrics`)
      .set(bearer(second))
      .send({ step: 1, metrics: { acc: 0.3 } })
      .expect(200);
    expect(JSON.stringify((await request(t.app).get(`/v1/jobs/${job.id}`).set(auth)).body)).not.toContain(second);
    expect((await request(t.app).post('/v1/jobs/00000000-0000-4000-8000-000000000000/report-token').set(auth)).status).toBe(404);
    const made = await request(t.app)
      .post('/v1/jobs/00000000-0000-4000-8000-000000000000/metrics')
      .set(bearer('jgr_not-a-real-token'))
      .send({ metrics: { a: 1 } });
    expect(made.status).toBe(401);
  });
});
