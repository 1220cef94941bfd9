/**
 * The command line's binding of SLF4J: what the libraries log (Flyway, jOOQ, the MCP SDK) reaches
 * the user as one line each on standard error, with stack traces only when {@code MCPCONN_DEBUG=1}.
 */
package io.mcpconn.cli.logging;
