-- Fair share: a priority within each team, and the order the dispatcher admits waiting jobs in.
ALTER TABLE jobs ADD COLUMN priority integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN -100 AND 100);
ALTER TABLE sweeps ADD COLUMN priority integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN -100 AND 100);
-- A team's waiting jobs in the order they are admitted: higher priority, then oldest.
CREATE INDEX jobs_waiting_order ON jobs (team_id, priority DESC, created_at, id) WHERE status = 'queued';
-- The oldest waiting job overall (first-in-first-out dispatch, and the tie-break between teams).
CREATE INDEX jobs_waiting_fifo ON jobs (created_at, id) WHERE status = 'queued';
