import { ModelArtsError } from './modelarts-error';

/**
 * Answers to a create whose `job_name` already exists: `ModelArts.0103` in the v1 samples
 * ("Job name:… is existed") and `ModelArts.2751` DuplicateTrainingJobName in the error-code table
 * (reference §2.1, §4.2). The docs do not say which one a v1 create returns, so both mean the same.
 */
const NAME_TAKEN_CODES = new Set(['ModelArts.0103', 'ModelArts.2751']);

/** True when a create failed because its job name is taken (possibly by its own earlier, unanswered attempt). */
export function isNameTakenError(err: unknown): boolean {
  return err instanceof ModelArtsError && NAME_TAKEN_CODES.has(err.errorCode);
}
