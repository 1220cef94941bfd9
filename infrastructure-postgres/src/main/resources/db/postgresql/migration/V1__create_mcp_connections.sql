-- The seed's table in PostgreSQL's terms: JSON columns are JSONB (as the seed names them) and times
-- are TIMESTAMPTZ, with the seed's column names, defaults and index names, so that the same
-- repository code reads and writes it as it does the SQLite file.
CREATE TABLE mcp_connections (
    id VARCHAR(36) NOT NULL,
    server_name VARCHAR(255) NOT NULL,
    namespace VARCHAR(255) NOT NULL,
    agent_id VARCHAR(255) NOT NULL,
    status VARCHAR(50) DEFAULT 'disconnected' NOT NULL,
    config_json JSONB NOT NULL,
    tools_json JSONB DEFAULT '[]' NOT NULL,
    error_message TEXT,
    error_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP NOT NULL,
    connected_at TIMESTAMPTZ,
    disconnected_at TIMESTAMPTZ,
    updated_at TIMESTAMPTZ,
    CONSTRAINT mcp_connections_pkey PRIMARY KEY (id)
);

CREATE INDEX ix_mcp_connections_namespace ON mcp_connections (namespace);

CREATE INDEX ix_mcp_connections_namespace_agent ON mcp_connections (namespace, agent_id);
