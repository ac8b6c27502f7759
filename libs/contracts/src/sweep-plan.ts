import { gridSizeIssue, gridTrials, type TrialValues } from './sweep-grid';
import { MAX_SWEEP_PLANNED_BYTES, MAX_SWEEP_TRIALS } from './sweep-limits';
import { randomTrials } from './sweep-random';
import type { CreateSweepRequest } from './sweep-request';
import type { TrainingJobBody } from './training-job-body';
import { MAX_JOB_NAME_LENGTH } from './training-job.dto';
import { validateTrainingJob } from './validate';
import type { ValidationIssue, ValidationResult } from './validation-result';

/** One trial as it will be stored: a complete job, plus its number and the values it tries. */
export interface PlannedTrial {
  /** 1-based, in the order trials are released. */
  trial: number;
  parameters: TrialValues;
  training_job: TrainingJobBody;
  labels: Record<string, string>;
}

export interface PlanSweepOptions {
  /** Written into each trial's `sweep_id` label. */
  sweepId: string;
  /** Seed of a `random` or `bayes` sweep: the request's own or one chosen for it; ignored by `grid`. */
  seed: number;
}

const NAME_PATH = 'template.training_job.job_name';

/**
 * Expands a request that validateCreateSweepRequest accepted into its trials, or says why it cannot:
 * a grid over the cap, a template name without room for the `-<n>` suffix, or a trial that would not
 * be a valid job. Pure: the same request, id and seed give the same trials.
 */
export function planSweep(request: CreateSweepRequest, options: PlanSweepOptions): ValidationResult<PlannedTrial[]> {
  const values = trialValues(request, options.seed);
  if (!values.ok) return values;
  const sizeIssue = plannedSizeIssue(request, values.value.length);
  if (sizeIssue) return { ok: false, issues: [sizeIssue] };
  const nameIssue = nameRoomIssue(request.template.training_job.job_name, values.value.length);
  if (nameIssue) return { ok: false, issues: [nameIssue] };
  const trials = values.value.map((trialValues, index) => buildTrial(request, options.sweepId, index + 1, trialValues));
  const issues = invalidTrialIssues(trials);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: trials };
}

function trialValues(request: CreateSweepRequest, seed: number): ValidationResult<TrialValues[]> {
  // A `bayes` sweep stores its start-up draws; each is re-proposed from the results so far when it is released.
  if (request.method !== 'grid') return { ok: true, value: randomTrials(request.parameters, request.max_trials ?? 0, seed) };
  const cap = request.max_trials ?? MAX_SWEEP_TRIALS;
  const capName = request.max_trials === undefined ? `the limit of ${MAX_SWEEP_TRIALS} per sweep` : `max_trials ${request.max_trials}`;
  const tooBig = gridSizeIssue(request.parameters, cap, capName);
  return tooBig ? { ok: false, issues: [tooBig] } : { ok: true, value: gridTrials(request.parameters) };
}

/**
 * Every trial stores a copy of the template, so trials × template bytes is what the sweep costs to
 * build, store and answer. Checked on the count alone, before any copy is made: 10,000 copies of a
 * 900 KB template would be 9 GB of JSON built on the event loop.
 */
function plannedSizeIssue(request: CreateSweepRequest, trialCount: number): ValidationIssue | null {
  const templateBytes = utf8Length(JSON.stringify(request.template));
  const planned = templateBytes * trialCount;
  if (planned <= MAX_SWEEP_PLANNED_BYTES) return null;
  const most = Math.floor(MAX_SWEEP_PLANNED_BYTES / templateBytes);
  return {
    path: 'template',
    message: `${trialCount} trials × ${templateBytes} bytes of template = ${planned} bytes, more than the limit of ${MAX_SWEEP_PLANNED_BYTES} bytes per sweep; with this template at most ${most} trials`,
  };
}

// TextEncoder rather than Buffer: the same in Node and in a browser. The template is at most the
// body limit (1 MB), so the copy is small next to what it guards against.
function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function nameRoomIssue(name: string, trialCount: number): ValidationIssue | null {
  const longest = `${name}-${trialCount}`;
  if (longest.length <= MAX_JOB_NAME_LENGTH) return null;
  const room = MAX_JOB_NAME_LENGTH - `-${trialCount}`.length;
  return {
    path: NAME_PATH,
    message: `leaves no room for the trial suffix: "${longest}" would be ${longest.length} characters, more than ${MAX_JOB_NAME_LENGTH}; use at most ${room}`,
  };
}

function buildTrial(request: CreateSweepRequest, sweepId: string, trial: number, values: TrialValues): PlannedTrial {
  const template = request.template.training_job;
  const given = template.config.parameter ?? [];
  // The template's own entries keep their order, with this trial's value where the label matches;
  // labels the template lacks follow, in the order of `parameters`.
  const kept = given.map((p) => (Object.hasOwn(values, p.label) ? { label: p.label, value: values[p.label]! } : p));
  const added = Object.keys(values)
    .filter((label) => !given.some((p) => p.label === label))
    .map((label) => ({ label, value: values[label]! }));
  return {
    trial,
    parameters: values,
    training_job: { ...template, job_name: `${template.job_name}-${trial}`, config: { ...template.config, parameter: [...kept, ...added] } },
    labels: { ...request.template.labels, sweep_id: sweepId, trial: String(trial) },
  };
}

/**
 * Trials differ from each other only in `config.parameter` values (each already checked as a string
 * of allowed length) and in the name suffix, longest in the last trial. So the first and the last
 * trial stand for all of them; validating all 10,000 would block the event loop for seconds.
 */
function invalidTrialIssues(trials: PlannedTrial[]): ValidationIssue[] {
  const representatives = trials.length > 1 ? [trials[0]!, trials[trials.length - 1]!] : trials;
  for (const { trial, training_job } of representatives) {
    const result = validateTrainingJob(training_job, 'template.training_job');
    if (!result.ok) return result.issues.map((issue) => ({ path: issue.path, message: `${issue.message} (in trial ${trial})` }));
  }
  return [];
}
