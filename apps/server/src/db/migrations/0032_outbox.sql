-- Domain events and work for the worker nodes (docs/scale.md, "Events and work queues"). A row is
-- written in the same transaction as the change it tells of, so it exists if and only if the
-- change committed; a relay publishes it to NATS JetStream and marks it sent. Written only when
-- NATS is configured (NATS_URL): the embedded default writes nothing here.
CREATE TABLE outbox_events (
  -- uuidv7: the order of writing; also the message id consumers deduplicate by
  id uuid PRIMARY KEY,
  -- without the platform's prefix: `event.note.created`, `work.<kind>`
  subject text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);

CREATE INDEX outbox_events_unsent ON outbox_events (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_events_sent ON outbox_events (sent_at) WHERE sent_at IS NOT NULL;

-- The messages each consumer has handled, by event id: one delivered again (at-least-once) is
-- acknowledged without being handled twice. Pruned after a week.
CREATE TABLE consumed_events (
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  consumed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

CREATE INDEX consumed_events_at ON consumed_events (consumed_at);
