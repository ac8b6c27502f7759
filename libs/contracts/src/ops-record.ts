import { Type, type Static } from '@sinclair/typebox';
import { StringMap } from './wire-types';

/** `GET /healthz`: the process answers. */
export const HealthSchema = Type.Object({ status: Type.Literal('ok') });
export type Health = Static<typeof HealthSchema>;

/** One dependency's check in a `/readyz` answer. */
const ReadinessCheckSchema = Type.Object({
  ok: Type.Boolean(),
  /** Why the check failed; absent when it passed. */
  error: Type.Optional(Type.String()),
  ms: Type.Number({ description: 'how long the check took' }),
});

/** `GET /readyz` when ready (a 503 problem names each failing check otherwise). */
export const ReadinessSchema = Type.Object({ status: Type.Literal('ready'), checks: StringMap(ReadinessCheckSchema) });
export type Readiness = Static<typeof ReadinessSchema>;
