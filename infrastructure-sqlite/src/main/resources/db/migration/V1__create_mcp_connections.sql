-- The seed's Alembic revision ff4b1a18d2f0, as SQLAlchemy emits it for SQLite: same declared
-- types, defaults and index names, so a database created by the Python service and one created
-- here are indistinguishable to both.
CREATE TABLE mcp_connections (
	id VARCHAR(36) NOT NULL,
	server_name VARCHAR(255) NOT NULL,
	namespace VARCHAR(255) NOT NULL,
	agent_id VARCHAR(255) NOT NULL,
	status VARCHAR(50) DEFAULT 'disconnected' NOT NULL,
	config_json JSON NOT NULL,
	tools_json JSON DEFAULT '[]' NOT NULL,
	error_message TEXT,
	error_at DATETIME,
	created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
	connected_at DATETIME,
	disconnected_at DATETIME,
	updated_at DATETIME,
	PRIMARY KEY (id)
);

CREATE INDEX ix_mcp_connections_namespace ON mcp_connections (namespace);

CREATE INDEX ix_mcp_connections_namespace_agent ON mcp_connections (namespace, agent_id);
