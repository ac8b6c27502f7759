import type { CreateSweepRequest } from './sweep-request';
import { CreateSweepRequestDto } from './sweep-request.dto';
import { validateBody } from './validate';
import type { ValidationResult } from './validation-result';

/**
 * Checks a body for `POST /v1/sweeps` field by field: the template as a `POST /v1/jobs` body under
 * `template`, the search space under `parameters.<label>`. What needs the expanded trials (grid
 * size, room for the name suffix) is checked by planSweep.
 */
export function validateCreateSweepRequest(body: unknown): ValidationResult<CreateSweepRequest> {
  return validateBody(CreateSweepRequestDto, body);
}
