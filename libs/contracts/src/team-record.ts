import { Type, type Static } from '@sinclair/typebox';
import { IsoTime, Nullable, Uuid } from './wire-types';

/** A team as operators see it. `webhook_secret` is shown to operators and to the team itself. */
export const TeamRecordSchema = Type.Object({
  id: Uuid(),
  name: Type.String(),
  weight: Type.Integer(),
  max_active_jobs: Nullable(Type.Integer()),
  max_queued_jobs: Nullable(Type.Integer()),
  webhook_url: Nullable(Type.String()),
  /** `whsec_…`: signs every webhook of the team's jobs and sweeps (Standard Webhooks). */
  webhook_secret: Type.String(),
  /** While a rotation overlaps, deliveries carry signatures of both secrets until then. */
  previous_secret_expires_at: Nullable(IsoTime()),
  usage: Type.Object({
    /** Jobs waiting: queued, plus sweep trials pending release. */
    queued: Type.Integer(),
    /** Jobs holding ModelArts slots (submitting, submitted, running, canceling). */
    active: Type.Integer(),
    /** Active jobs ÷ weight, the fair-share order key (lowest goes next). */
    share: Type.Number(),
  }),
  created_at: IsoTime(),
  updated_at: IsoTime(),
});
export type TeamRecord = Static<typeof TeamRecordSchema>;

/** An API key without its secret. */
export const ApiKeyRecordSchema = Type.Object({
  id: Uuid(),
  name: Type.String(),
  /** The key's first characters (`jg_ab12cd34`), to tell keys apart. */
  prefix: Type.String(),
  created_at: IsoTime(),
  revoked_at: Nullable(IsoTime()),
});
export type ApiKeyRecord = Static<typeof ApiKeyRecordSchema>;

/** The answer to creating a key: the only time the key itself is shown. */
export const CreatedApiKeyRecordSchema = Type.Object({
  id: Uuid(),
  name: Type.String(),
  key: Type.String({ description: 'jg_…: shown once, stored only as a hash' }),
  created_at: IsoTime(),
});
export type CreatedApiKeyRecord = Static<typeof CreatedApiKeyRecordSchema>;

/** One operator action. */
export const AuditEntryRecordSchema = Type.Object({
  id: Type.String(),
  at: IsoTime(),
  /** The operator key that acted (16 hex digits of its SHA-256), or `anonymous` with auth off. */
  actor: Type.String(),
  action: Type.String({ description: 'team.created · team.updated · api_key.created · api_key.revoked · webhook_secret.rotated' }),
  team_id: Nullable(Uuid()),
  target: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntryRecord = Static<typeof AuditEntryRecordSchema>;
