/**
 * The MCP client adapter on the official MCP Java SDK: {@link io.mcpconn.infrastructure.mcp.SdkMcpClient}
 * opens sessions over stdio and Streamable HTTP, and
 * {@link io.mcpconn.infrastructure.mcp.NetworkntJsonSchemaValidator} checks tool arguments.
 *
 * <p>Only this package sees the SDK's types ({@code io.modelcontextprotocol..}), Jackson and the
 * JSON Schema validator; the application sees its own ports and the domain's values.
 */
package io.mcpconn.infrastructure.mcp;
