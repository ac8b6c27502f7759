-- The transactional outbox: queue work that a state change implies, written in the same transaction as
-- the change. A relay publishes each row to BullMQ right after commit and deletes it; rows a crash left
-- behind (commit done, publish not) are published by the relay's sweep within seconds.
CREATE TABLE outbox (
  id          bigserial   PRIMARY KEY,
  -- submit: ref = job id · stop: ref = job id (one stop request each) · webhook: ref = webhook event id
  kind        text        NOT NULL CHECK (kind IN ('submit', 'stop', 'webhook')),
  ref         text        NOT NULL,
  request_id  text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
