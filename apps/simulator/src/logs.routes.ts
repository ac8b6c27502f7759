import { lineText, linesAt, logFileNames, logState } from './log-views';
import { errorReply, jsonReply, type Reply } from './reply';
import type { Route } from './route-table';
import type { JobStore } from './state';
import { modelartsError } from './wire-error';

export interface LogsContext {
  store: JobStore;
  now: number;
  /** Lines each log file gets over a full RUNNING phase, and that phase's length. */
  pace: { perRun: number; runningMs: number };
}

// §2.12: `lines` defaults to 50 and ranges over [0, 500].
const DEFAULT_LINES = 50;
const MAX_LINES = 500;

/** §2.12: a version's log file names and the `aom-log` lines of one file. */
export function handleLogs(route: Route, query: URLSearchParams, ctx: LogsContext): Reply {
  const job = ctx.store.get(route.jobId ?? NaN);
  const version = job?.versions.find((v) => v.version_id === route.versionId);
  if (!job || !version) return errorReply(modelartsError(404, 'ModelArts.2775', `TrainingJobNotFound: Training job (ID: ${route.jobId}) not found`));
  const state = logState(version, ctx.now);
  // 204 carries no body; the error table pairs it with ModelArts.2776 NotReadyToFetchLog.
  if (state === 'not_ready') return jsonReply(204, undefined);
  if (state === 'never') return errorReply(modelartsError(400, 'ModelArts.2818', 'LogFileNotGenerated: the job ended before it wrote a log'));
  const files = logFileNames(job, version);
  if (route.op === 'log_files') return ok({ log_file_list: files });
  const parsed = parseLogQuery(query);
  if (typeof parsed === 'string') return errorReply(modelartsError(400, 'ModelArts.0101', `Invalid argument: ${parsed}`));
  const file = files.indexOf(parsed.logFile);
  if (file < 0) return errorReply(modelartsError(400, 'ModelArts.2818', `LogFileNotGenerated: log file ${parsed.logFile} not generated`));
  if (state === 'cleared') return errorReply(modelartsError(400, 'ModelArts.2819', `LogFileHasCleared: log file ${parsed.logFile} has been cleared`));
  const total = linesAt(version, ctx.now, ctx.pace);
  const [start, end] = window(parsed, total);
  const lines: string[] = [];
  for (let n = start; n <= end; n++) lines.push(lineText(job, version, { file, files: files.length, n, total, now: ctx.now }));
  // With nothing to return, both ends stay at the cursor, so a reader going forward keeps its place.
  const at = parsed.baseLine ?? total;
  return ok({ content: lines.join('\n'), lines: lines.length, start_line: lines.length ? start : at, end_line: lines.length ? end : at });
}

interface LogQuery {
  logFile: string;
  lines: number;
  order: 'asc' | 'desc';
  baseLine: number | null;
}

/**
 * Line numbers start at 1. No `base_line`: the latest `lines` lines. `order=desc` reads forward,
 * the lines after `base_line`; `asc` reads backward, the lines before it.
 */
function window(q: LogQuery, total: number): [number, number] {
  if (q.baseLine === null) return [Math.max(1, total - q.lines + 1), total];
  if (q.order === 'desc') return [q.baseLine + 1, Math.min(total, q.baseLine + q.lines)];
  const end = Math.min(total, q.baseLine - 1);
  return [Math.max(1, end - q.lines + 1), end];
}

function parseLogQuery(query: URLSearchParams): LogQuery | string {
  const logFile = query.get('log_file');
  if (!logFile) return 'log_file is mandatory';
  const lines = intParam(query.get('lines'), DEFAULT_LINES);
  if (!(lines >= 0 && lines <= MAX_LINES)) return `lines must be an integer in [0, ${MAX_LINES}]`;
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') return 'order must be asc or desc';
  const rawBase = query.get('base_line');
  const baseLine = rawBase === null || rawBase === '' ? null : intParam(rawBase, NaN);
  if (Number.isNaN(baseLine)) return 'base_line must be a line number from an earlier answer';
  return { logFile, lines, order, baseLine };
}

function intParam(raw: string | null, fallback: number): number {
  if (raw === null) return fallback;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
}

function ok(fields: Record<string, unknown>): Reply {
  return jsonReply(200, { is_success: true, ...fields });
}
