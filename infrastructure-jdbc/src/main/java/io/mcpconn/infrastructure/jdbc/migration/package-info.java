/**
 * What migrating a database reports, the same on every SQL adapter: where the schema stands, its
 * history, what an upgrade, a downgrade, a stamp or a backup did, and what verify found.
 */
package io.mcpconn.infrastructure.jdbc.migration;
