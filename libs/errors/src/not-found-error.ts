import { JobgateError } from './jobgate-error';

/** A resource the caller named does not exist (or is not visible to them). */
export class NotFoundError extends JobgateError {
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${id} was not found`, { code: 'not_found' });
  }
}
