import type { Response } from 'express';
import type { Caller } from '@jobgate/lifecycle';

/** The caller bearerAuth identified for this request. */
export function callerOf(res: Response): Caller {
  return res.locals.principal as Caller;
}
