import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ModelArtsClient } from '@jobgate/modelarts';
import type { JobSnapshot } from '@jobgate/lifecycle';
import { collectStatuses } from './collect-statuses';

const T0 = 1_700_000_000_000;

/** A ModelArts on a real socket whose list answer carries one row without a readable status. */
async function modelArtsWithBrokenRow(): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.setHeader('Content-Type', 'application/json');
    if (req.url?.startsWith('/v1/p/training-jobs?')) {
      return res.end(
        JSON.stringify({
          is_success: true,
          job_total_count: 2,
          quotas: 10,
          job_count_limit: 8,
          jobs: [
            { job_id: 11, job_name: 'good', version_id: 21, status: 8, create_time: T0 + 1, duration: 5, job_desc: '', version_count: 1 },
            { job_id: 12, job_name: 'broken', version_id: 22, status: 'RUNNING?', create_time: T0, duration: 5, job_desc: '', version_count: 1 },
          ],
        }),
      );
    }
    if (req.url === '/v1/p/training-jobs/12/versions/22') {
      return res.end(JSON.stringify({ is_success: true, job_id: 12, job_name: 'broken', version_id: 22, status: 10, create_time: T0 }));
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ is_success: false, error_code: 'ModelArts.2775', error_message: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

/** An active job as the poller reads it: submitted, in the default workspace, with its ModelArts ids. */
function row(id: string, jobId: string, versionId: string, createTime: number): JobSnapshot {
  return {
    id,
    status: 'running',
    jobName: id,
    workspaceId: null,
    requestId: null,
    sweepId: null,
    teamId: null,
    attempts: 1,
    firstAttemptAt: new Date(createTime),
    cancelRequestedAt: null,
    submittedAt: new Date(createTime),
    createdAt: new Date(createTime),
    errorCode: null,
    modelarts: { jobId, versionId, status: 8, createTime: new Date(createTime) },
    rerun: null,
    record: {} as JobSnapshot['record'], // collectStatuses never reads the wire record
  };
}

describe('collectStatuses against a list answer with one malformed row', () => {
  it('keeps the readable rows and reads the malformed one by version detail, instead of failing the tick', async () => {
    const { url, seen, server } = await modelArtsWithBrokenRow();
    try {
      const client = new ModelArtsClient({ endpoint: url, projectId: 'p', auth: { apply: async () => undefined } });
      const result = await collectStatuses(client, [row('good', '11', '21', T0 + 1), row('broken', '12', '22', T0)]);
      expect(Object.fromEntries(result.observations)).toEqual({ good: { kind: 'status', code: 8 }, broken: { kind: 'status', code: 10 } });
      expect(result.calls).toBe(2);
      expect(seen.filter((s) => s.includes('/versions/'))).toEqual(['GET /v1/p/training-jobs/12/versions/22']);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
