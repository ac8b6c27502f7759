import { enginesFor, specsFor } from './account-catalog';
import { errorReply, jsonReply, type Reply } from './reply';
import type { Route } from './route-table';
import { modelartsError } from './wire-error';

/** §2.10 resource specs and §2.11 engines of the account, for `job_type` train (the default here) or inference. */
export function handleCatalog(route: Route, query: URLSearchParams): Reply {
  const jobType = query.get('job_type') ?? 'train';
  if (jobType !== 'train' && jobType !== 'inference') {
    return errorReply(modelartsError(400, 'ModelArts.0101', 'Invalid argument: job_type must be train or inference'));
  }
  if (route.op === 'engines') return jsonReply(200, { is_success: true, engines: enginesFor(jobType) });
  const specs = specsFor(jobType);
  return jsonReply(200, { specs, is_success: true, spec_total_count: specs.length });
}
