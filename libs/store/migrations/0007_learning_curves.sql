-- Learning curves: the points a job's training code reports with `step`, one row per job and step
-- (reporting a step again replaces it), read in step order for the curve and for early stopping.
CREATE TABLE job_metric_steps (
  job_id      uuid        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  step        integer     NOT NULL CHECK (step >= 0),
  metrics     jsonb       NOT NULL,
  reported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, step)
);
