import { JobgateError } from './jobgate-error';

/** A resource the caller named does not exist (or is not visible to them). */
export class NotFoundError extends JobgateError {
  /** `options` words it more precisely than "<resource> <id> was not found" (a log file ModelArts has not written yet). */
  constructor(
    readonly resource: string,
    readonly id: string,
    options: { message?: string; code?: string } = {},
  ) {
    super(options.message ?? `${resource} ${id} was not found`, { code: options.code ?? 'not_found' });
  }
}
