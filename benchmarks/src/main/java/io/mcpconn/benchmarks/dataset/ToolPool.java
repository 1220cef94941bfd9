package io.mcpconn.benchmarks.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The tools the generated connections offer: 30 real-looking MCP tools (files, search, GitHub,
 * Slack, SQL, monitoring…) with JSON Schemas of the size servers send, each about 290 bytes as
 * compact JSON; a connection offers five of them. Read once from {@code tools.json}.
 */
final class ToolPool {

    private final JsonNode tools;

    private ToolPool(JsonNode tools) {
        this.tools = tools;
    }

    static ToolPool load() {
        try (InputStream in = ToolPool.class.getResourceAsStream("tools.json")) {
            if (in == null) {
                throw new IllegalStateException("tools.json is missing from the class path");
            }
            return new ToolPool(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tools.json", e);
        }
    }

    int size() {
        return tools.size();
    }

    /** Tool {@code index}; shared, so only to be written out, never changed. */
    JsonNode tool(int index) {
        return tools.get(index);
    }
}
