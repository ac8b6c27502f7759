-- Sweeps, each trial's place in its sweep, and the final metrics a job's training code reports.
CREATE TABLE sweeps (
  id                   uuid        PRIMARY KEY,
  name                 text        NOT NULL,
  status               text        NOT NULL CHECK (status IN ('running', 'canceling', 'succeeded', 'failed', 'canceled')),
  method               text        NOT NULL,
  -- The search space and the template as accepted, so a sweep can be read back and repeated.
  parameters           jsonb       NOT NULL,
  template             jsonb       NOT NULL,
  webhook_url          text,
  trial_count          integer     NOT NULL,
  max_parallel         integer     NOT NULL,
  -- NULL: no failure budget.
  max_failed_trials    integer,
  -- 0 to 2^32-1, beyond integer; NULL for a grid sweep given none.
  seed                 bigint,
  objective            jsonb,
  request_id           text,
  cancel_requested_at  timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  finished_at          timestamptz
);
-- Newest-first listing with a (created_at, id) cursor, as for jobs.
CREATE INDEX sweeps_created ON sweeps (created_at DESC, id DESC);
-- The sweeps a release or finish pass looks at.
CREATE INDEX sweeps_open ON sweeps (status) WHERE status IN ('running', 'canceling');

ALTER TABLE jobs
  ADD COLUMN sweep_trial      integer,
  ADD COLUMN sweep_parameters jsonb,
  ADD COLUMN metrics          jsonb,
  ADD CONSTRAINT jobs_sweep_fk FOREIGN KEY (sweep_id) REFERENCES sweeps (id),
  -- Also the index that lists a sweep's trials in order.
  ADD CONSTRAINT jobs_sweep_trial_unique UNIQUE (sweep_id, sweep_trial);

-- Counting a sweep's trials per status (release, finish, read) without touching the rows.
CREATE INDEX jobs_sweep_status ON jobs (sweep_id, status) WHERE sweep_id IS NOT NULL;
-- The next trials to release, in trial order.
CREATE INDEX jobs_sweep_pending ON jobs (sweep_id, sweep_trial) WHERE status = 'pending';
