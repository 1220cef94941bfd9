-- The table and indexes exactly as the seed's Alembic revision ff4b1a18d2f0 creates them through
-- SQLAlchemy on SQLite, with Alembic's own version table: a database the Python service wrote.
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL,
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('ff4b1a18d2f0');
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
