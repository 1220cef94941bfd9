package io.mcpconn.domain.config;

/**
 * How the client reaches an MCP server: over HTTP (Streamable HTTP) or by starting it as a local
 * process and talking over its standard input and output.
 */
public sealed interface Transport permits HttpTransport, StdioTransport {

    /** The secrets this transport's settings hold. */
    Secrets secrets();
}
