import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './wire-types';

/**
 * One read of a job's log (`GET /v1/jobs/{id}/logs`): lines of one of its version's log files from a
 * cursor. Follow a running job by passing `next_cursor` back until it is null (the job has ended
 * and every line was read).
 */
export const LogPageSchema = Type.Object({
  /** Every log file of the version: one per worker of a distributed job; empty until ModelArts logs. */
  files: Type.Array(Type.String()),
  /** The file these lines are from; null while there is none. */
  file: Nullable(Type.String()),
  lines: Type.Array(Type.String()),
  /** Line number of `lines[0]` (1-based); null without lines. */
  first_line: Nullable(Type.Integer()),
  next_cursor: Nullable(Type.String(), {
    description: 'pass as ?cursor= for the lines after these; null once the job has ended and the file was read to its end',
  }),
  /** Why there are no lines yet (not in ModelArts yet, ModelArts.2776 NotReadyToFetchLog), else null. */
  hint: Nullable(Type.String()),
});
export type LogPage = Static<typeof LogPageSchema>;
