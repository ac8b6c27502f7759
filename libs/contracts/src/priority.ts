import { Check } from './check';

export const MIN_PRIORITY = -100;
export const MAX_PRIORITY = 100;

/**
 * `priority`: within its team, a job with a higher priority is submitted first (then the oldest);
 * between teams fair share decides. Integer −100…100, default 0.
 */
export function PriorityField(): PropertyDecorator {
  return Check(
    'priority',
    (value) => {
      if (value === undefined) return [];
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= MIN_PRIORITY && value <= MAX_PRIORITY) return [];
      return [{ message: `must be an integer (a JSON number) from ${MIN_PRIORITY} to ${MAX_PRIORITY}` }];
    },
    { schema: { type: 'integer', minimum: MIN_PRIORITY, maximum: MAX_PRIORITY, default: 0 } },
  );
}
