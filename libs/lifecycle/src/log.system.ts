import { isTerminal, type JobRecord, type LogPage } from '@jobgate/contracts';
import { GoneError, NotFoundError, ServiceUnavailableError, UpstreamError, ValidationError } from '@jobgate/errors';
import type { Logger } from '@jobgate/logging';
import { classify, ModelArtsError, type LogChunk, type LogFiles, type ReadLogQuery } from '@jobgate/modelarts';
import type { ModelArtsReads } from './modelarts-reads';

/** The ModelArts calls reading logs makes (§2.12). */
export interface LogClient {
  logFileNames(jobId: string, versionId: string): Promise<LogFiles>;
  readLog(jobId: string, versionId: string, q: ReadLogQuery): Promise<LogChunk>;
}

export interface ReadLogInput {
  /** One of the version's log files; default the first (worker 0's). */
  file?: string;
  /** `next_cursor` of an earlier page: the line number read up to; default the start of the file. */
  cursor?: number;
  /** 1–500 (ModelArts' cap per call). */
  lines: number;
}

// Log file names of a running version can still grow (workers start); an ended version's never change.
const RUNNING_FILES_TTL_MS = 10_000;
const MAX_CACHED_VERSIONS = 1_000;

/**
 * A job's log, read from ModelArts on the caller's behalf through the read window: the version's
 * file names (cached), then up to 500 lines of one file from a cursor. ModelArts' answers become
 * what the caller can act on: not ready → no lines and a hint; 2818 → 404, 2819 → 410.
 */
export class LogSystem {
  private readonly files = new Map<string, { files: string[]; untilMs: number }>();

  constructor(
    private readonly reads: ModelArtsReads,
    private readonly client: LogClient | null,
    private readonly logger: Logger,
  ) {}

  async read(job: JobRecord, input: ReadLogInput): Promise<LogPage> {
    const cursor = input.cursor ?? 0;
    const ended = isTerminal(job.status);
    const waiting = (hint: string): LogPage => ({ files: [], file: null, lines: [], first_line: null, next_cursor: ended ? null : String(cursor), hint });
    const ref = job.modelarts;
    if (!ref?.version_id) return waiting(ended ? 'the job ended before it reached ModelArts: it has no log' : 'the job has not reached ModelArts yet');
    if (!this.client) throw new ServiceUnavailableError('This jobgate process cannot reach ModelArts (MODELARTS_ENDPOINT is not set)');
    const files = await this.fileNames(ref.job_id, ref.version_id, ended);
    if (files === null) return waiting('ModelArts is not logging for this job yet (ModelArts.2776 NotReadyToFetchLog)');
    const file = input.file ?? files[0];
    if (file === undefined) return waiting('ModelArts lists no log file for this job yet');
    if (!files.includes(file))
      throw new ValidationError([{ path: 'query.file', message: `must be one of the job's log files: ${files.join(', ')}` }], 'The query is invalid');
    const chunk = await this.call('log', () =>
      this.client!.readLog(ref.job_id, ref.version_id!, { logFile: file, lines: input.lines, order: 'desc', baseLine: cursor }),
    );
    if (!chunk.ready) return { ...waiting('ModelArts is not logging for this job yet (ModelArts.2776 NotReadyToFetchLog)'), files, file };
    const end = chunk.endLine ?? cursor + chunk.lines.length;
    // The record is read before the log, so an ended job's log is complete: a short page is its end.
    const atEnd = ended && chunk.lines.length < input.lines;
    return {
      files,
      file,
      lines: chunk.lines,
      first_line: chunk.lines.length ? (chunk.startLine ?? cursor + 1) : null,
      next_cursor: atEnd ? null : String(Math.max(end, cursor)),
      hint: null,
    };
  }

  /** null while ModelArts is not logging yet. */
  private async fileNames(jobId: string, versionId: string, ended: boolean): Promise<string[] | null> {
    const cached = this.files.get(versionId);
    if (cached && cached.untilMs > Date.now()) return cached.files;
    const answer = await this.call('log_files', () => this.client!.logFileNames(jobId, versionId));
    if (!answer.ready) return null;
    if (this.files.size >= MAX_CACHED_VERSIONS) this.files.delete(this.files.keys().next().value!);
    this.files.set(versionId, {
      files: answer.files,
      untilMs: ended && answer.files.length > 0 ? Number.POSITIVE_INFINITY : Date.now() + RUNNING_FILES_TTL_MS,
    });
    return answer.files;
  }

  private async call<T>(what: string, read: () => Promise<T>): Promise<T> {
    try {
      return await this.reads.call(what, read);
    } catch (err) {
      throw this.translate(err);
    }
  }

  private translate(err: unknown): unknown {
    if (!(err instanceof ModelArtsError)) return err;
    const said = `${err.errorCode}: ${err.errorMessage}`;
    if (err.errorCode === 'ModelArts.2818')
      return new NotFoundError('log', '', { message: `ModelArts has not written this log (${said})`, code: 'log_not_generated' });
    if (err.errorCode === 'ModelArts.2819') return new GoneError(`ModelArts has cleared this job's log (${said})`, 'log_cleared');
    if (err.errorCode === 'ModelArts.2775' || err.httpStatus === 404) {
      return new NotFoundError('ModelArts job', '', { message: `ModelArts no longer knows this job (${said})`, code: 'modelarts_job_not_found' });
    }
    if (classify(err) === 'transient') return new ServiceUnavailableError(`ModelArts did not answer the log request (${said}); retry`, err);
    this.logger.warn({ err }, 'ModelArts refused a log read');
    return new UpstreamError(`ModelArts refused the log request (${said})`, 'modelarts_error', err);
  }
}
