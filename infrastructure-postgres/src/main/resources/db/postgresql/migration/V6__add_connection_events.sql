-- The transactional outbox: the events of each change to a connection, stored in the transaction
-- that stores the change, then delivered to the runtime's listeners and marked. A table of its own:
-- delivering an event must not bump a connection's version, and an event outlives a deleted
-- connection (its removal is an event too), so there is no foreign key. Several instances claim
-- events with FOR UPDATE SKIP LOCKED and a claim lease.
CREATE TABLE IF NOT EXISTS mcp_connection_events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id VARCHAR(36) NOT NULL UNIQUE,
    connection_id VARCHAR(36) NOT NULL,
    namespace VARCHAR(255) NOT NULL,
    event_type VARCHAR(64) NOT NULL,
    payload_json JSONB NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    state VARCHAR(16) NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    handed_out INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at TIMESTAMPTZ,
    claimed_by VARCHAR(128),
    claimed_until TIMESTAMPTZ,
    settled_at TIMESTAMPTZ
);

-- IF NOT EXISTS: the way to re-run an earlier migration is to stamp below it and upgrade, which
-- runs this one again on a table that kept its events.

-- The relay's claim: the oldest pending event of each connection.
CREATE INDEX IF NOT EXISTS ix_mcp_connection_events_pending ON mcp_connection_events (connection_id, seq) WHERE state = 'pending';
-- mcpconn events: a namespace's events in order.
CREATE INDEX IF NOT EXISTS ix_mcp_connection_events_namespace ON mcp_connection_events (namespace, seq);
