-- Reruns: a job created by POST /v1/jobs/{id}/rerun is a new version of another job's ModelArts job.
-- It knows that ModelArts job (modelarts_job_id) and the version it derives from (modelarts_pre_version_id)
-- from the start; its own version columns are filled once the create-version call succeeded.
ALTER TABLE jobs
  ADD COLUMN rerun_of                 uuid REFERENCES jobs (id) ON DELETE SET NULL,
  ADD COLUMN modelarts_pre_version_id text;

-- A rerun bears its ModelArts job's name: names are unique among the jobs that create a ModelArts job.
DROP INDEX jobs_live_name;
CREATE UNIQUE INDEX jobs_live_name ON jobs (job_name) WHERE status NOT IN ('failed', 'canceled') AND rerun_of IS NULL;

-- At most one new version of a ModelArts job is being created at a time, so a create-version call whose
-- answer was lost is recognised among the job's versions by its pre_version_id and time alone.
CREATE UNIQUE INDEX jobs_one_version_in_creation ON jobs (modelarts_job_id) WHERE status = 'submitting' AND rerun_of IS NOT NULL;

-- The versions of one ModelArts job, oldest first.
CREATE INDEX jobs_modelarts_job ON jobs (modelarts_job_id, created_at) WHERE modelarts_job_id IS NOT NULL;
