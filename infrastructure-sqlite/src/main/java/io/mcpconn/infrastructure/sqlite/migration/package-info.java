/**
 * The schema's Flyway migrations applied at runtime from the classpath. The down scripts that undo
 * them live under {@code db/rollback}, outside Flyway's scan location.
 */
package io.mcpconn.infrastructure.sqlite.migration;
