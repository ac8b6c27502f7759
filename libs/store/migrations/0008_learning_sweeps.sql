-- Sweeps that learn: report tokens, the options of bayes search and median stopping, and which
-- canceled trials were stopped early (counted apart from failures and user cancels).
ALTER TABLE jobs ADD COLUMN report_token_hash text;
CREATE UNIQUE INDEX jobs_report_token ON jobs (report_token_hash) WHERE report_token_hash IS NOT NULL;
ALTER TABLE jobs ADD COLUMN early_stopped boolean NOT NULL DEFAULT false;
ALTER TABLE sweeps ADD COLUMN reporting boolean NOT NULL DEFAULT false;
ALTER TABLE sweeps ADD COLUMN early_stopping jsonb;
-- Trials median stopping has stopped, kept on the sweep so lists need no count per sweep.
ALTER TABLE sweeps ADD COLUMN early_stopped integer NOT NULL DEFAULT 0;
