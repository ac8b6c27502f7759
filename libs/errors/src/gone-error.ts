import { JobgateError } from './jobgate-error';

/** What was asked for existed once and is gone for good (a log ModelArts has cleared). */
export class GoneError extends JobgateError {
  constructor(message: string, code = 'gone') {
    super(message, { code });
  }
}
