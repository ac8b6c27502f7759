import { Type, type Static } from '@sinclair/typebox';
import { JobRecordSchema } from './job-record';
import { SweepSummarySchema } from './sweep-record';
import { ComponentRef, IsoTime, Nullable, StringEnum } from './wire-types';

/** `pending`: an attempt is due; `delivered`: a 2xx came back; `failed`: retries ran out or the URL was refused; `gone`: the receiver answered 410. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'gone'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The body of a webhook (Standard Webhooks): the event's type, when it happened, and the record it announces. */
export const WebhookPayloadSchema = Type.Object(
  {
    type: Type.String({ examples: ['job.succeeded'] }),
    timestamp: IsoTime(),
    /** The job record (`job.*`) or the sweep summary (`sweep.completed`) at the time of the event. */
    data: Type.Union([ComponentRef('JobRecord', JobRecordSchema), ComponentRef('SweepSummary', SweepSummarySchema)]),
  },
  { description: 'the webhook body' },
);
export type WebhookPayload = Static<typeof WebhookPayloadSchema>;

/** One send of a webhook event. */
export const DeliveryAttemptRecordSchema = Type.Object({
  attempt: Type.Integer(),
  attempted_at: IsoTime(),
  /** null: no HTTP answer (refused, timeout, reset). */
  status_code: Nullable(Type.Integer()),
  latency_ms: Type.Integer(),
  error: Nullable(Type.String()),
});
export type DeliveryAttemptRecord = Static<typeof DeliveryAttemptRecordSchema>;

/** A webhook event with every delivery attempt (`GET /v1/jobs/{id}/deliveries`, `POST /v1/deliveries/{id}/redeliver`). */
export const DeliveryRecordSchema = Type.Object({
  id: Type.String({ pattern: '^msg_[0-9a-f]{32}$', description: 'the webhook-id header' }),
  type: Type.String({ examples: ['job.succeeded'] }),
  url: Type.String(),
  status: StringEnum(DELIVERY_STATUSES),
  attempt_count: Type.Integer(),
  /** When the next attempt is due; null unless `pending`. */
  next_attempt_at: Nullable(IsoTime()),
  delivered_at: Nullable(IsoTime()),
  created_at: IsoTime(),
  last_error: Nullable(Type.String()),
  payload: WebhookPayloadSchema,
  attempts: Type.Array(DeliveryAttemptRecordSchema),
});
export type DeliveryRecord = Static<typeof DeliveryRecordSchema>;
