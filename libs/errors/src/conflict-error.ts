import { JobgateError } from './jobgate-error';

/** The request is valid but clashes with the current state (a live job holds the name, a job is already terminal). */
export class ConflictError extends JobgateError {
  constructor(message: string, code = 'conflict') {
    super(message, { code });
  }
}
