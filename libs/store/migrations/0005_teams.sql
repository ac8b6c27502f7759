-- Teams: every team key belongs to a team, every job and sweep to its owner (NULL: an operator's),
-- every team its own webhook secret. Operators (API_KEYS) are not stored: they are configuration.
CREATE TABLE teams (
  id                          uuid        PRIMARY KEY,
  -- A slug; unique and never renamed, so records may carry it.
  name                        text        NOT NULL UNIQUE,
  weight                      integer     NOT NULL DEFAULT 1 CHECK (weight >= 1),
  -- NULL: no cap of the team's own (the global MAX_ACTIVE_JOBS still holds).
  max_active_jobs             integer     CHECK (max_active_jobs >= 0),
  max_queued_jobs             integer     CHECK (max_queued_jobs >= 0),
  webhook_url                 text,
  -- `whsec_…`: signing needs the secret itself, so it is stored (as Svix does), never logged.
  webhook_secret              text        NOT NULL,
  -- The secret before the last rotation: deliveries carry both signatures until previous_secret_expires_at.
  previous_webhook_secret     text,
  previous_secret_expires_at  timestamptz,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  id          uuid        PRIMARY KEY,
  team_id     uuid        NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  name        text        NOT NULL,
  -- SHA-256 of the key (hex): the key itself is shown once and never stored.
  key_hash    text        NOT NULL UNIQUE,
  -- `jg_` and the next 8 characters, to tell keys apart in lists.
  prefix      text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX api_keys_team ON api_keys (team_id, created_at);

-- Operator actions, newest last.
CREATE TABLE audit_log (
  id        bigserial   PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text        NOT NULL,
  action    text        NOT NULL,
  team_id   uuid,
  target    text,
  details   jsonb       NOT NULL DEFAULT '{}'::jsonb
);

ALTER TABLE jobs ADD COLUMN team_id uuid REFERENCES teams (id), ADD COLUMN team text;
ALTER TABLE sweeps ADD COLUMN team_id uuid REFERENCES teams (id), ADD COLUMN team text;
-- Whose secret signs the event (NULL: WEBHOOK_SECRET, for operators' jobs).
ALTER TABLE webhook_events ADD COLUMN team_id uuid REFERENCES teams (id);

-- A team's listing, newest first, with the same (created_at, id) cursor.
CREATE INDEX jobs_team_created ON jobs (team_id, created_at DESC, id DESC) WHERE team_id IS NOT NULL;
CREATE INDEX sweeps_team_created ON sweeps (team_id, created_at DESC, id DESC) WHERE team_id IS NOT NULL;
-- Per-team usage (queued, active) for quotas and fair share.
CREATE INDEX jobs_team_status ON jobs (team_id, status) WHERE team_id IS NOT NULL;
