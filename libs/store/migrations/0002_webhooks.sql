-- Webhook events (the outbox of signed deliveries) and every delivery attempt made for them.
CREATE TABLE webhook_events (
  -- `msg_<uuid>`: sent as the `webhook-id` header, the same on every attempt, so receivers dedupe.
  id                  text        PRIMARY KEY,
  -- Creation order; events of one ordering_key are delivered in this order.
  seq                 bigserial   NOT NULL UNIQUE,
  -- `job:<uuid>` for job events, `sweep:<uuid>` for sweep events: the scope of in-order delivery.
  ordering_key        text        NOT NULL,
  job_id              uuid        REFERENCES jobs (id) ON DELETE CASCADE,
  type                text        NOT NULL,
  -- The exact JSON text that is signed and sent, kept as text so every attempt sends the same bytes.
  payload             text        NOT NULL,
  url                 text        NOT NULL,
  status              text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'gone')),
  attempts            integer     NOT NULL DEFAULT 0,
  -- attempts made before the current retry run began (a redelivery starts a new run of the schedule).
  run_start_attempts  integer     NOT NULL DEFAULT 0,
  next_attempt_at     timestamptz NOT NULL DEFAULT now(),
  -- A sender holds the event until then, so two queue jobs for one event never send at once.
  locked_until        timestamptz,
  last_error          text,
  delivered_at        timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  -- Each lifecycle event happens once per subject; recording it twice is a no-op (idempotent writers).
  UNIQUE (ordering_key, type)
);
CREATE INDEX webhook_events_job ON webhook_events (job_id, seq) WHERE job_id IS NOT NULL;
CREATE INDEX webhook_events_pending ON webhook_events (ordering_key, seq) WHERE status = 'pending';
CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE status = 'pending';

CREATE TABLE webhook_attempts (
  id            bigserial   PRIMARY KEY,
  event_id      text        NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
  attempt       integer     NOT NULL,
  attempted_at  timestamptz NOT NULL DEFAULT now(),
  -- NULL when no answer arrived (refused address, connection error, timeout).
  status_code   integer,
  latency_ms    integer     NOT NULL,
  error         text,
  UNIQUE (event_id, attempt)
);
