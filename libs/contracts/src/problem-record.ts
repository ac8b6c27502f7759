import { Type, type Static } from '@sinclair/typebox';

/** One invalid field of a 400: its JSON path (`training_job.config.app_url`) and what is wrong. */
export const FieldProblemSchema = Type.Object({ path: Type.String(), message: Type.String() });

/** RFC 9457 problem details: every error answer of the API (`application/problem+json`). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.Optional(Type.String({ description: 'stable machine-readable code' })),
    errors: Type.Optional(Type.Array(FieldProblemSchema, { maxItems: 100, description: 'the invalid fields (400), the first 100 found' })),
    error_count: Type.Optional(Type.Integer({ description: 'how many invalid fields were found in all (400); more than `errors` lists when over 100' })),
  },
  { description: 'RFC 9457 problem details' },
);

/** Problem details; RFC 9457 allows extension members (a 503 carries `retry_after_sec`). */
export type Problem = Static<typeof ProblemSchema> & { [extension: string]: unknown };
export type FieldProblem = Static<typeof FieldProblemSchema>;
