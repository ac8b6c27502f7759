-- Jobs, their status-change events, their ModelArts create attempts and intake idempotency keys.
CREATE TABLE jobs (
  id                      uuid PRIMARY KEY,
  status                  text        NOT NULL,
  job_name                text        NOT NULL,
  training_job            jsonb       NOT NULL,
  labels                  jsonb       NOT NULL DEFAULT '{}'::jsonb,
  webhook_url             text,
  sweep_id                uuid,
  request_id              text,
  modelarts_job_id        text,
  modelarts_version_id    text,
  modelarts_version_name  text,
  modelarts_resource_id   text,
  modelarts_status        integer,
  modelarts_status_name   text,
  modelarts_create_time   timestamptz,
  attempts                integer     NOT NULL DEFAULT 0,
  first_attempt_at        timestamptz,
  error_code              text,
  error_message           text,
  error_retryable         boolean,
  cancel_requested_at     timestamptz,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  submitted_at            timestamptz,
  started_at              timestamptz,
  finished_at             timestamptz
);

-- ModelArts job names are unique: a live record owns its name (failed/canceled ones give it back).
CREATE UNIQUE INDEX jobs_live_name ON jobs (job_name) WHERE status NOT IN ('failed', 'canceled');
-- Newest-first listing with a (created_at, id) cursor.
CREATE INDEX jobs_created ON jobs (created_at DESC, id DESC);
CREATE INDEX jobs_status_created ON jobs (status, created_at DESC, id DESC);
CREATE INDEX jobs_labels ON jobs USING gin (labels jsonb_path_ops);
CREATE INDEX jobs_sweep ON jobs (sweep_id, created_at DESC) WHERE sweep_id IS NOT NULL;
-- The active set that MAX_ACTIVE_JOBS caps and the poller follows.
CREATE INDEX jobs_active ON jobs (status) WHERE status IN ('submitting', 'submitted', 'running', 'canceling');

CREATE TABLE job_events (
  id               bigserial   PRIMARY KEY,
  job_id           uuid        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  at               timestamptz NOT NULL DEFAULT now(),
  from_status      text,
  to_status        text        NOT NULL,
  modelarts_status integer,
  reason           text
);
CREATE INDEX job_events_job ON job_events (job_id, id);

CREATE TABLE job_attempts (
  id             bigserial   PRIMARY KEY,
  job_id         uuid        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  attempt        integer     NOT NULL,
  started_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  -- NULL outcome = the process died during the call: treated as "outcome unknown".
  outcome        text,
  http_status    integer,
  error_code     text,
  error_message  text,
  delay_ms       integer,
  UNIQUE (job_id, attempt)
);

CREATE TABLE idempotency_keys (
  owner         text        NOT NULL,
  key           text        NOT NULL,
  request_hash  text        NOT NULL,
  job_id        uuid        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner, key)
);
