import { Type, type Static } from '@sinclair/typebox';
import { JobRecordSchema } from './job-record';
import { ProblemSchema } from './problem-record';
import { ComponentRef } from './wire-types';

/** `POST /v1/jobs/batch` (207): one result per submitted item, in the order given. */
export const JobBatchResultSchema = Type.Object(
  {
    /** Items accepted (`202`). */
    accepted: Type.Integer(),
    /** Items refused (a 4xx problem each). */
    refused: Type.Integer(),
    items: Type.Array(
      Type.Union([
        Type.Object({ status: Type.Literal(202), job: ComponentRef('JobRecord', JobRecordSchema) }),
        Type.Object({ status: Type.Integer({ minimum: 400, maximum: 499 }), problem: ComponentRef('Problem', ProblemSchema) }),
      ]),
    ),
  },
  { description: 'one result per item, in order: 202 and the job, or the problem that refused the item (field paths relative to the item)' },
);
export type JobBatchResult = Static<typeof JobBatchResultSchema>;
