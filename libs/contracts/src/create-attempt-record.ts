import { Type, type Static } from '@sinclair/typebox';
import { IsoTime, Nullable, StringEnum } from './wire-types';

/**
 * How a ModelArts create call ended. `unknown`: it may have created the job (timeout, reset, 5xx);
 * `adopted`: a later attempt found the job the unanswered one had created.
 */
export const CREATE_ATTEMPT_OUTCOMES = ['created', 'adopted', 'throttled', 'transient', 'unknown', 'permanent', 'auth'] as const;
export type CreateAttemptOutcome = (typeof CREATE_ATTEMPT_OUTCOMES)[number];

/** One ModelArts create call of a job (`GET /v1/jobs/{id}/attempts`), in attempt order. */
export const CreateAttemptRecordSchema = Type.Object({
  attempt: Type.Integer(),
  started_at: IsoTime(),
  finished_at: Nullable(IsoTime()),
  outcome: Nullable(StringEnum(CREATE_ATTEMPT_OUTCOMES), {
    description: 'created, adopted, throttled, transient, unknown, permanent, auth; null = the worker died during the call',
  }),
  http_status: Nullable(Type.Integer()),
  error_code: Nullable(Type.String()),
  error_message: Nullable(Type.String()),
  /** The delay chosen before the next attempt, when there was one. */
  delay_ms: Nullable(Type.Integer()),
});
export type CreateAttemptRecord = Static<typeof CreateAttemptRecordSchema>;
