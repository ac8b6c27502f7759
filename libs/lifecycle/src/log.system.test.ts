import type { JobRecord } from '@jobgate/contracts';
import { GoneError, NotFoundError, ServiceUnavailableError, TooManyRequestsError, UpstreamError, ValidationError } from '@jobgate/errors';
import { createLogger } from '@jobgate/logging';
import { ModelArtsError, ThrottledError, type LogChunk, type LogFiles, type ReadLogQuery } from '@jobgate/modelarts';
import { LogSystem, type LogClient } from './log.system';
import { ModelArtsReads, type ReadGate } from './modelarts-reads';

const logger = createLogger({ level: 'silent' });

/** A version with `total` lines in each of its files; `error` answers every call while set. */
class FakeLogs implements LogClient {
  files: LogFiles = { ready: true, files: ['job-x.0', 'job-x.1'] };
  total = 7;
  error: Error | null = null;
  readonly calls: string[] = [];

  async logFileNames(jobId: string, versionId: string): Promise<LogFiles> {
    this.calls.push(`files ${jobId}/${versionId}`);
    if (this.error) throw this.error;
    return this.files;
  }

  async readLog(_jobId: string, _versionId: string, q: ReadLogQuery): Promise<LogChunk> {
    this.calls.push(`log ${q.logFile} from ${q.baseLine} x${q.lines} ${q.order}`);
    if (this.error) throw this.error;
    if (!this.files.ready) return { ready: false };
    const from = (q.baseLine ?? 0) + 1;
    const to = Math.min(this.total, from + (q.lines ?? 50) - 1);
    const lines = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => `${q.logFile} line ${from + i}`);
    return { ready: true, lines, startLine: lines.length ? from : (q.baseLine ?? 0), endLine: lines.length ? to : (q.baseLine ?? 0) };
  }
}

function record(status: JobRecord['status'], modelarts: Partial<NonNullable<JobRecord['modelarts']>> | null = {}): JobRecord {
  return {
    id: '0b6f1c7e-3a51-4a57-9d4b-6a1d6f0e9c21',
    status,
    job_name: 'x',
    training_job: { job_name: 'x', config: { worker_server_num: 2 } },
    labels: {},
    priority: 0,
    team: null,
    webhook_url: null,
    sweep_id: null,
    rerun_of: null,
    attempts: 1,
    error: null,
    created_at: '',
    updated_at: '',
    submitted_at: null,
    started_at: null,
    finished_at: null,
    modelarts: modelarts && {
      job_id: '10',
      version_id: '20',
      version_name: 'V0001',
      resource_id: null,
      status: 8,
      status_name: null,
      create_time: null,
      pre_version_id: null,
      ...modelarts,
    },
  };
}

const modelartsError = (status: number, code: string) =>
  new ModelArtsError({ httpStatus: status, errorCode: code, errorMessage: code, retryable: status >= 500, outcomeUnknown: status >= 500 });

describe('LogSystem', () => {
  let fake: FakeLogs;
  let logs: LogSystem;
  beforeEach(() => {
    fake = new FakeLogs();
    logs = new LogSystem(new ModelArtsReads({ logger }), fake, logger);
  });

  it('reads a file from a cursor, names every file, and gives the cursor to go on from', async () => {
    expect(await logs.read(record('running'), { lines: 3 })).toEqual({
      files: ['job-x.0', 'job-x.1'],
      file: 'job-x.0',
      lines: ['job-x.0 line 1', 'job-x.0 line 2', 'job-x.0 line 3'],
      first_line: 1,
      next_cursor: '3',
      hint: null,
    });
    expect(await logs.read(record('running'), { file: 'job-x.1', cursor: 6, lines: 3 })).toMatchObject({
      file: 'job-x.1',
      lines: ['job-x.1 line 7'],
      first_line: 7,
      next_cursor: '7',
    });
    // While the job runs, an empty page keeps the cursor: more lines may come.
    expect(await logs.read(record('running'), { cursor: 7, lines: 3 })).toMatchObject({ lines: [], first_line: null, next_cursor: '7' });
    // File names of a running version are kept a few seconds: one call for the three reads.
    expect(fake.calls.filter((c) => c.startsWith('files'))).toEqual(['files 10/20']);
    expect(fake.calls.filter((c) => c.startsWith('log'))).toEqual(['log job-x.0 from 0 x3 desc', 'log job-x.1 from 6 x3 desc', 'log job-x.0 from 7 x3 desc']);
  });

  it('ends with a null cursor once the job has ended and its file was read to the end', async () => {
    expect(await logs.read(record('succeeded'), { cursor: 3, lines: 4 })).toMatchObject({
      lines: ['job-x.0 line 4', 'job-x.0 line 5', 'job-x.0 line 6', 'job-x.0 line 7'],
      next_cursor: '7',
    });
    expect(await logs.read(record('succeeded'), { cursor: 7, lines: 4 })).toMatchObject({ lines: [], next_cursor: null });
  });

  it('answers with no lines and a hint before ModelArts logs', async () => {
    expect(await logs.read(record('queued', null), { lines: 10 })).toEqual({
      files: [],
      file: null,
      lines: [],
      first_line: null,
      next_cursor: '0',
      hint: 'the job has not reached ModelArts yet',
    });
    expect(await logs.read(record('queued', { version_id: null }), { lines: 10 })).toMatchObject({ hint: 'the job has not reached ModelArts yet' });
    expect(await logs.read(record('canceled', null), { lines: 10 })).toMatchObject({
      next_cursor: null,
      hint: expect.stringContaining('ended before it reached ModelArts'),
    });
    fake.files = { ready: false };
    expect(await logs.read(record('submitted'), { cursor: 0, lines: 10 })).toMatchObject({
      lines: [],
      next_cursor: '0',
      hint: expect.stringContaining('ModelArts.2776'),
    });
  });

  it('refuses a file the version does not have, naming the ones it has', async () => {
    const err = await logs.read(record('running'), { file: 'job-x.9', lines: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toEqual([{ path: 'query.file', message: "must be one of the job's log files: job-x.0, job-x.1" }]);
  });

  it.each([
    ['ModelArts.2818 LogFileNotGenerated', modelartsError(400, 'ModelArts.2818'), NotFoundError, 'log_not_generated'],
    ['ModelArts.2819 LogFileHasCleared', modelartsError(400, 'ModelArts.2819'), GoneError, 'log_cleared'],
    ['ModelArts.2775 TrainingJobNotFound', modelartsError(404, 'ModelArts.2775'), NotFoundError, 'modelarts_job_not_found'],
    ['a 5xx', modelartsError(503, 'APIG.0202'), ServiceUnavailableError, 'service_unavailable'],
    ['a refusal of our credentials', modelartsError(403, 'ModelArts.0108'), UpstreamError, 'modelarts_error'],
  ])('turns %s into a problem the caller can act on', async (_, error, type, code) => {
    fake.error = error;
    const err = await logs.read(record('running'), { lines: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(type);
    expect(err).toMatchObject({ code });
  });

  it('sends the caller away with Retry-After when the read window is spent or ModelArts throttles, and pauses the window on a 429', async () => {
    const pauses: number[] = [];
    const spent: ReadGate = {
      acquire: (signal) => new Promise((_, reject) => signal!.addEventListener('abort', () => reject(signal!.reason))),
      pauseFor: async (ms) => void pauses.push(ms),
    };
    const budget = await new LogSystem(new ModelArtsReads({ logger, gate: spent, maxWaitMs: 50 }), fake, logger)
      .read(record('running'), { lines: 1 })
      .catch((e: unknown) => e);
    expect(budget).toBeInstanceOf(TooManyRequestsError);
    expect(budget).toMatchObject({ code: 'modelarts_read_budget', retryAfterSec: 1 });
    expect(fake.calls).toEqual([]);

    const open: ReadGate = { acquire: async () => ({ done: () => undefined }), pauseFor: async (ms) => void pauses.push(ms) };
    fake.error = new ThrottledError({ httpStatus: 429, errorCode: 'APIG.0308', errorMessage: 'throttled', retryAfterMs: 3_000 });
    const throttled = await new LogSystem(new ModelArtsReads({ logger, gate: open }), fake, logger)
      .read(record('running'), { lines: 1 })
      .catch((e: unknown) => e);
    expect(throttled).toMatchObject({ code: 'modelarts_throttled', retryAfterSec: 3 });
    expect(pauses).toEqual([3_000]);
  });

  it('answers 503 in a process without ModelArts', async () => {
    await expect(new LogSystem(new ModelArtsReads({ logger }), null, logger).read(record('running'), { lines: 1 })).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
  });
});
