-- Batch intake (POST /v1/jobs/batch): an Idempotency-Key covers the whole batch, so the answer's
-- outcome per item is kept (accepted items by job id, refused ones with their problem).
CREATE TABLE idempotency_batches (
  owner         text        NOT NULL,
  key           text        NOT NULL,
  request_hash  text        NOT NULL,
  outcomes      jsonb       NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner, key)
);
