/**
 * Opening an SQLite database file for production use: pragmas, one queued writer, read
 * connections, and failures explained as one message with the path, the cause and the fix.
 */
package io.mcpconn.infrastructure.sqlite.database;
