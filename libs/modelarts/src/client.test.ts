import { AuthError } from './auth-error';
import type { AuthProvider, SignableRequest } from './auth/auth-provider';
import { TokenAuth } from './auth/token';
import { classify } from './classify';
import { ModelArtsClient, type ModelArtsClientOptions } from './client';
import { closedPort, sendJson, startFakeIam, startFakeServer, type FakeHandler, type FakeIam, type FakeServer } from './testing/fake-http-server';
import type { ModelArtsCallEvent } from './types';

/** A provider with a fixed token and no `invalidate`, as AK/SK behaves. */
const staticAuth: AuthProvider = {
  apply: async (req: SignableRequest) => {
    req.headers['X-Auth-Token'] = 'static-token';
  },
};

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function fakeModelArts(handler: FakeHandler): Promise<FakeServer> {
  const server = await startFakeServer(handler);
  servers.push(server);
  return server;
}

function clientFor(server: FakeServer, extra: Partial<ModelArtsClientOptions> = {}): ModelArtsClient {
  return new ModelArtsClient({ endpoint: server.url, projectId: 'proj-1', auth: staticAuth, ...extra });
}

describe('ModelArtsClient calls', () => {
  it('creates a job and parses the doc sample whose numbers are strings', async () => {
    const server = await fakeModelArts((_req, res) =>
      sendJson(res, 200, {
        is_success: true,
        job_id: '10',
        job_name: 'TestModelArtsJob',
        status: '1',
        create_time: '1524189990635',
        version_id: '10',
        version_name: 'V0001',
        resource_id: 'jobafd08896',
      }),
    );
    const body = {
      job_name: 'TestModelArtsJob',
      job_desc: 'd',
      config: { worker_server_num: 1, app_url: '/usr/app/', boot_file_url: '/usr/app/boot.py', spec_id: 1 },
    };

    const created = await clientFor(server).createTrainingJob(body);

    expect(created).toEqual({
      jobId: '10',
      jobName: 'TestModelArtsJob',
      versionId: '10',
      versionName: 'V0001',
      resourceId: 'jobafd08896',
      status: 1,
      createTime: 1524189990635,
    });
    const [sent] = server.requests;
    expect(sent.method).toBe('POST');
    expect(sent.target).toBe('/v1/proj-1/training-jobs');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['x-auth-token']).toBe('static-token');
    expect(JSON.parse(sent.body)).toEqual(body);
  });

  it('parses JSON numbers too, and keeps Long IDs beyond 2^53 exact', async () => {
    const server = await fakeModelArts((_req, res) =>
      sendJson(
        res,
        200,
        '{"version_name":"V0001","job_name":"jobtest_TF","create_time":1609121837000,' +
          '"job_id":12345678901234567890,"resource_id":"jobaedef089","version_id":1108482,"is_success":true,"status":1}',
      ),
    );
    const created = await clientFor(server).createTrainingJob({ job_name: 'jobtest_TF', config: { worker_server_num: 1 } });
    expect(created).toMatchObject({ jobId: '12345678901234567890', versionId: '1108482', status: 1, createTime: 1609121837000, resourceId: 'jobaedef089' });
  });

  it('lists jobs with the documented query parameters', async () => {
    const server = await fakeModelArts((_req, res) =>
      sendJson(res, 200, {
        is_success: true,
        quotas: 5,
        job_total_count: 1,
        job_count_limit: 3,
        jobs: [
          {
            job_id: 10,
            job_name: 'testModelArtsJob',
            version_id: 10,
            status: 10,
            create_time: 1524189990635,
            duration: 532003,
            job_desc: 'This is ModelArts job',
            version_count: 5,
          },
        ],
      }),
    );
    const list = await clientFor(server).listTrainingJobs({ status: 7, perPage: 10, page: 1, sortBy: 'job_name', order: 'asc', searchContent: 'job' });

    expect(server.requests[0].method).toBe('GET');
    expect(server.requests[0].target).toBe('/v1/proj-1/training-jobs?status=7&per_page=10&page=1&sortBy=job_name&order=asc&search_content=job');
    expect(list).toEqual({
      total: 1,
      quotas: 5,
      jobCountLimit: 3,
      jobs: [
        {
          jobId: '10',
          jobName: 'testModelArtsJob',
          versionId: '10',
          status: 10,
          createTime: 1524189990635,
          duration: 532003,
          jobDesc: 'This is ModelArts job',
          versionCount: 5,
        },
      ],
      skipped: [],
    });
  });

  it('sets aside a list row it cannot read, keeping the rest of the page', async () => {
    const server = await fakeModelArts((_req, res) =>
      sendJson(res, 200, {
        is_success: true,
        job_total_count: 3,
        jobs: [{ job_id: 1, job_name: 'a', version_id: 1, status: 8, create_time: 1 }, { job_id: 2, job_name: 'b', version_id: 2, create_time: 2 }, 'junk'],
      }),
    );
    const list = await clientFor(server).listTrainingJobs();
    expect(list.jobs.map((j) => j.jobName)).toEqual(['a']);
    expect(list.skipped).toEqual([
      { index: 1, jobId: '2', jobName: 'b', reason: expect.stringMatching(/"status" is missing/) },
      { index: 2, jobId: null, jobName: null, reason: 'the row is not an object' },
    ]);
  });

  it('reads a version detail, keeping the whole body as raw', async () => {
    const detail = {
      is_success: true,
      job_id: 10,
      job_name: 'TestModelArtsJob',
      job_desc: 'desc',
      version_id: 11,
      version_name: 'V0002',
      status: '8',
      create_time: 1524189990635,
      start_time: '1563172362000',
      duration: 532003,
      resource_id: 'jobafd08896',
      engine_name: 'TensorFlow',
      system_metric_list: { cpuUsage: ['0', '3.10'] },
    };
    const server = await fakeModelArts((_req, res) => sendJson(res, 200, detail));

    const version = await clientFor(server).getVersion('10', '11');

    expect(server.requests[0].target).toBe('/v1/proj-1/training-jobs/10/versions/11');
    expect(version).toEqual({
      jobId: '10',
      jobName: 'TestModelArtsJob',
      jobDesc: 'desc',
      versionId: '11',
      versionName: 'V0002',
      preVersionId: null,
      status: 8,
      createTime: 1524189990635,
      startTime: 1563172362000,
      duration: 532003,
      resourceId: 'jobafd08896',
      raw: detail,
    });
  });

  it('returns null start time and duration for a version that has not started', async () => {
    const server = await fakeModelArts((_req, res) =>
      sendJson(res, 200, { is_success: true, job_id: 1, job_name: 'j', version_id: 2, status: 1, create_time: 5 }),
    );
    expect(await clientFor(server).getVersion('1', '2')).toMatchObject({ startTime: null, duration: null, versionName: null });
  });

  it('lists the versions of a job, filling in job fields the items leave out', async () => {
    const server = await fakeModelArts((_req, res) =>
      sendJson(res, 200, {
        is_success: true,
        job_id: 10,
        job_name: 'j',
        job_desc: 'd',
        version_count: 1,
        versions: [{ version_id: 10, version_name: 'V0004', status: 10, create_time: 7, duration: 532003 }],
      }),
    );
    const list = await clientFor(server).listVersions('10', { perPage: 5, page: 1 });
    expect(server.requests[0].target).toBe('/v1/proj-1/training-jobs/10/versions?per_page=5&page=1');
    expect(list).toMatchObject({ jobId: '10', jobName: 'j', versionCount: 1, versions: [{ jobId: '10', jobName: 'j', versionId: '10', status: 10 }] });
  });

  it('creates a new version of a job, derived from pre_version_id (§2.5)', async () => {
    const server = await fakeModelArts((_req, res) =>
      sendJson(res, 200, {
        is_success: true,
        job_id: 10,
        job_name: 'TestModelArtsJob',
        status: 1,
        create_time: 1524189990635,
        version_id: 12,
        version_name: 'V0002',
      }),
    );
    const body = { job_desc: 'again', config: { worker_server_num: 1, train_url: '/usr/train/', model_id: 1, pre_version_id: 11 } };

    const created = await clientFor(server).createVersion('10', body);

    expect(server.requests[0]).toMatchObject({ method: 'POST', target: '/v1/proj-1/training-jobs/10/versions' });
    expect(JSON.parse(server.requests[0].body)).toEqual(body);
    expect(created).toEqual({
      jobId: '10',
      jobName: 'TestModelArtsJob',
      versionId: '12',
      versionName: 'V0002',
      resourceId: null,
      status: 1,
      createTime: 1524189990635,
    });
  });

  it('reads pre_version_id of a derived version, and none for a first version that says 0', async () => {
    const server = await fakeModelArts((req, res) =>
      sendJson(res, 200, {
        is_success: true,
        job_id: 1,
        job_name: 'j',
        version_id: req.target.endsWith('/3') ? 3 : 2,
        pre_version_id: req.target.endsWith('/3') ? 2 : 0,
        status: 1,
        create_time: 5,
      }),
    );
    expect(await clientFor(server).getVersion('1', '3')).toMatchObject({ versionId: '3', preVersionId: '2' });
    expect(await clientFor(server).getVersion('1', '2')).toMatchObject({ versionId: '2', preVersionId: null });
  });

  it("reads the account's flavors and engines as the docs' samples give them (§2.10, §2.11)", async () => {
    const server = await fakeModelArts((req, res) =>
      req.url.pathname.endsWith('/resource-specs')
        ? sendJson(res, 200, {
            specs: [
              {
                spec_id: 2,
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
              },
            ],
            is_success: true,
            spec_total_count: 1,
          })
        : sendJson(res, 200, {
            is_success: true,
            engines: [{ engine_type: 1, engine_name: 'TensorFlow', engine_id: 1, engine_version: 'TF-1.4.0-python2.7' }],
          }),
    );
    const client = clientFor(server);
    expect(await client.listResourceSpecs({ jobType: 'train' })).toEqual([
      {
        specId: '2',
        specCode: 'modelarts.vm.cpu.2u',
        core: '2',
        cpu: '8',
        gpuNum: 0,
        gpuType: '',
        maxNum: 2,
        unitNum: 1,
        storage: '',
        interfaceType: 1,
        noResource: false,
      },
    ]);
    expect(await client.listAiEngines({ jobType: 'train' })).toEqual([
      { engineId: '1', engineName: 'TensorFlow', engineVersion: 'TF-1.4.0-python2.7', engineType: 1 },
    ]);
    expect(server.requests.map((r) => r.target)).toEqual(['/v1/proj-1/job/resource-specs?job_type=train', '/v1/proj-1/job/ai-engines?job_type=train']);
  });

  it('reads log file names and log lines with the documented query (§2.12)', async () => {
    const server = await fakeModelArts((req, res) =>
      req.url.pathname.endsWith('/file-names')
        ? sendJson(res, 200, { is_success: true, log_file_list: ['job-jobtest-tf.0', 'job-jobtest-tf.1'] })
        : sendJson(res, 200, { is_success: true, content: 'step 1\nstep 2\nstep 3', lines: 3, start_line: 11, end_line: 13 }),
    );
    const client = clientFor(server);
    expect(await client.logFileNames('10', '11')).toEqual({ ready: true, files: ['job-jobtest-tf.0', 'job-jobtest-tf.1'] });
    expect(await client.readLog('10', '11', { logFile: 'job-jobtest-tf.0', lines: 3, order: 'desc', baseLine: 10 })).toEqual({
      ready: true,
      lines: ['step 1', 'step 2', 'step 3'],
      startLine: 11,
      endLine: 13,
    });
    expect(server.requests.map((r) => r.target)).toEqual([
      '/v1/proj-1/training-jobs/10/versions/11/log/file-names',
      '/v1/proj-1/training-jobs/10/versions/11/aom-log?log_file=job-jobtest-tf.0&lines=3&order=desc&base_line=10',
    ]);
  });

  it('reads an empty page of lines as no lines', async () => {
    const server = await fakeModelArts((_req, res) => sendJson(res, 200, { is_success: true, content: '', lines: 0, start_line: 13, end_line: 13 }));
    expect(await clientFor(server).readLog('10', '11', { logFile: 'f', baseLine: 13 })).toEqual({ ready: true, lines: [], startLine: 13, endLine: 13 });
  });

  it('answers "not ready" for 204 and for ModelArts.2776 NotReadyToFetchLog, and throws the other log errors', async () => {
    const answers: Array<[number, unknown]> = [
      [204, ''],
      [204, ''],
      [200, { is_success: false, error_code: 'ModelArts.2776', error_message: 'NotReadyToFetchLog' }],
      [400, { is_success: false, error_code: 'ModelArts.2819', error_message: 'LogFileHasCleared' }],
    ];
    const server = await fakeModelArts((_req, res) => {
      const [status, body] = answers[server.requests.length - 1]!;
      if (status === 204) return void res.writeHead(204).end();
      sendJson(res, status, body);
    });
    const client = clientFor(server);
    expect(await client.logFileNames('1', '2')).toEqual({ ready: false });
    expect(await client.readLog('1', '2', { logFile: 'f' })).toEqual({ ready: false });
    expect(await client.readLog('1', '2', { logFile: 'f' })).toEqual({ ready: false });
    await expect(client.readLog('1', '2', { logFile: 'f' })).rejects.toMatchObject({ errorCode: 'ModelArts.2819', httpStatus: 400, retryable: false });
  });

  it('stops a version and deletes a job', async () => {
    const server = await fakeModelArts((_req, res) => sendJson(res, 200, { is_success: true }));
    const client = clientFor(server);
    await client.stopVersion('10', '11');
    await client.deleteJob('10');
    expect(server.requests.map((r) => `${r.method} ${r.target} ${r.body}`)).toEqual([
      'POST /v1/proj-1/training-jobs/10/versions/11/stop ',
      'DELETE /v1/proj-1/training-jobs/10 ',
    ]);
  });

  it('refuses an empty ID instead of addressing the collection', async () => {
    const server = await fakeModelArts((_req, res) => sendJson(res, 200, { is_success: true }));
    await expect(clientFor(server).deleteJob(' ')).rejects.toMatchObject({ code: 'modelarts.invalid_argument' });
    expect(server.requests).toHaveLength(0);
  });

  it('treats a malformed success body as a permanent bad response', async () => {
    const bodies = [
      '{"is_success": true, "job_name": "x", "status": 1}',
      '<html>ok</html>',
      '{"is_success": true, "job_id": 1, "job_name": "x", "version_id": 1, "status": "running", "create_time": 1}',
    ];
    const server = await fakeModelArts((_req, res) => sendJson(res, 200, bodies[server.requests.length - 1]));
    const client = clientFor(server);
    for (let i = 0; i < bodies.length; i++) {
      const err = await client.createTrainingJob({ job_name: 'x', config: { worker_server_num: 1 } }).catch((e: unknown) => e);
      expect(err).toMatchObject({ errorCode: 'modelarts.bad_response', httpStatus: 200, retryable: false, outcomeUnknown: true });
      expect(classify(err)).toBe('permanent');
    }
  });
});

describe('findJobByName', () => {
  const job = (id: number, name: string) => ({ job_id: id, job_name: name, version_id: id, status: 8, create_time: 1000 + id });

  it('picks the exact name among substring hits', async () => {
    const server = await fakeModelArts((_req, res) =>
      sendJson(res, 200, { is_success: true, job_total_count: 3, jobs: [job(1, 'sweep-a-10'), job(2, 'my-sweep-a-1'), job(3, 'sweep-a-1')] }),
    );
    const found = await clientFor(server).findJobByName('sweep-a-1');
    expect(found).toMatchObject({ jobId: '3', jobName: 'sweep-a-1', versionId: '3' });
    expect(server.requests[0].target).toBe('/v1/proj-1/training-jobs?per_page=1000&page=1&search_content=sweep-a-1');
  });

  it('pages until the exact name is found', async () => {
    const server = await fakeModelArts((req, res) => {
      const page = Number(req.url.searchParams.get('page'));
      const jobs = page === 1 ? Array.from({ length: 1000 }, (_, i) => job(i, `x-${i}-x`)) : [job(5000, 'x')];
      sendJson(res, 200, { is_success: true, job_total_count: 1001, jobs });
    });
    expect(await clientFor(server).findJobByName('x')).toMatchObject({ jobId: '5000' });
    expect(server.requests).toHaveLength(2);
  });

  it('returns null when no hit matches exactly, without reading past the last page', async () => {
    const server = await fakeModelArts((_req, res) => sendJson(res, 200, { is_success: true, job_total_count: 1, jobs: [job(1, 'sweep-a-10')] }));
    expect(await clientFor(server).findJobByName('sweep-a-1')).toBeNull();
    expect(server.requests).toHaveLength(1);
  });

  it('refuses to answer "not found" when the row of that very name cannot be read', async () => {
    const server = await fakeModelArts((_req, res) =>
      sendJson(res, 200, { is_success: true, job_total_count: 1, jobs: [{ job_id: 1, job_name: 'n', version_id: 'x'.repeat(0) }] }),
    );
    await expect(clientFor(server).findJobByName('n')).rejects.toMatchObject({ errorCode: 'modelarts.bad_response' });
  });

  it('passes the workspace through', async () => {
    const server = await fakeModelArts((_req, res) => sendJson(res, 200, { is_success: true, job_total_count: 0, jobs: [] }));
    await clientFor(server).findJobByName('n', { workspaceId: 'ws-1' });
    expect(server.requests[0].url.searchParams.get('workspace_id')).toBe('ws-1');
  });
});

describe('token refresh on a refused token', () => {
  let iam: FakeIam;
  beforeEach(async () => {
    iam = await startFakeIam();
  });
  afterEach(() => iam.close());

  function tokenClient(server: FakeServer): ModelArtsClient {
    const auth = new TokenAuth({ iamEndpoint: iam.url, username: 'u', password: 'p', domainName: 'd', projectName: 'eu-de' });
    return clientFor(server, { auth });
  }

  const list = { is_success: true, job_total_count: 0, jobs: [] };

  it('invalidates the token and retries once when ModelArts says it must be updated', async () => {
    const server = await fakeModelArts((req, res) =>
      req.headers['x-auth-token'] === 'tok-1'
        ? sendJson(res, 401, { error_code: 'APIG.0307', error_msg: 'The token must be updated' })
        : sendJson(res, 200, list),
    );
    await expect(tokenClient(server).listTrainingJobs()).resolves.toMatchObject({ total: 0 });
    expect(server.requests.map((r) => r.headers['x-auth-token'])).toEqual(['tok-1', 'tok-2']);
    expect(iam.issued).toBe(2);
  });

  it('gives up with a permanent AuthError on the second refusal', async () => {
    const server = await fakeModelArts((_req, res) => sendJson(res, 401, { is_success: false, error_code: 'ModelArts.0202', error_message: 'token expired' }));
    const err = await tokenClient(server)
      .listTrainingJobs()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err).toMatchObject({ httpStatus: 401, errorCode: 'ModelArts.0202', retryable: false, outcomeUnknown: false });
    expect(classify(err)).toBe('auth');
    expect(server.requests).toHaveLength(2);
    expect(iam.issued).toBe(2);
  });

  it('refreshes once for many calls refused with the same expired token', async () => {
    const server = await fakeModelArts((req, res) =>
      req.headers['x-auth-token'] === 'tok-1' ? sendJson(res, 401, { error_code: 'APIG.0307', error_msg: 'expired' }) : sendJson(res, 200, list),
    );
    const client = tokenClient(server);
    await Promise.all(Array.from({ length: 5 }, () => client.listTrainingJobs()));
    expect(iam.issued).toBe(2);
  });

  it('does not retry when the provider cannot refresh (AK/SK)', async () => {
    const server = await fakeModelArts((_req, res) => sendJson(res, 401, { error_code: 'APIG.0301', error_msg: 'Incorrect IAM authentication information' }));
    await expect(clientFor(server).listTrainingJobs()).rejects.toBeInstanceOf(AuthError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('onCall', () => {
  it('reports every HTTP exchange with its outcome', async () => {
    const answers: Array<[number, unknown, Record<string, string>?]> = [
      [200, { is_success: true }],
      [429, { error_code: 'APIG.0308', error_msg: 'throttled' }, { 'Retry-After': '1' }],
      [400, { is_success: false, error_code: 'ModelArts.2775', error_message: 'not found' }],
    ];
    const server = await fakeModelArts((_req, res) => {
      const [status, body, headers] = answers[server.requests.length - 1];
      sendJson(res, status, body, headers);
    });
    const events: ModelArtsCallEvent[] = [];
    const client = clientFor(server, {
      onCall: (e) => {
        events.push(e);
        throw new Error('a broken hook must not matter');
      },
    });
    await client.deleteJob('1');
    await client.stopVersion('1', '2').catch(() => undefined);
    await client.getVersion('1', '2').catch(() => undefined);
    await new ModelArtsClient({ endpoint: `http://127.0.0.1:${await closedPort()}`, projectId: 'p', auth: staticAuth, onCall: (e) => events.push(e) })
      .listTrainingJobs()
      .catch(() => undefined);

    expect(events.map(({ durationMs, ...rest }) => rest)).toEqual([
      { op: 'delete', status: 200, outcome: 'ok' },
      { op: 'stop', status: 429, outcome: 'throttled', errorCode: 'APIG.0308' },
      { op: 'detail', status: 400, outcome: 'error', errorCode: 'ModelArts.2775' },
      { op: 'list', status: null, outcome: 'network', errorCode: 'network.ECONNREFUSED' },
    ]);
    expect(events.every((e) => e.durationMs >= 0)).toBe(true);
  });
});
