/**
 * The seed's migration procedure as an API ({@link io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator}):
 * current, history, upgrade, downgrade, stamp, backup, restore, verify and repair, on the Flyway migrations
 * shipped under {@code db/migration}. The down scripts that undo them live under
 * {@code db/rollback}, outside Flyway's scan location, and are run by downgrade.
 */
package io.mcpconn.infrastructure.sqlite.migration;
