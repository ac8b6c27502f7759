-- Sweeps that learn: report tokens, the options of bayes search and median stopping, and which
-- trials median stopping stopped (those that end canceled are counted apart from failures).
ALTER TABLE jobs ADD COLUMN report_token_hash text;
CREATE UNIQUE INDEX jobs_report_token ON jobs (report_token_hash) WHERE report_token_hash IS NOT NULL;
ALTER TABLE jobs ADD COLUMN early_stopped boolean NOT NULL DEFAULT false;
ALTER TABLE sweeps ADD COLUMN reporting boolean NOT NULL DEFAULT false;
ALTER TABLE sweeps ADD COLUMN early_stopping jsonb;
