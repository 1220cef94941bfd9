package io.mcpconn.application.mcp;

import io.mcpconn.domain.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a tool call returned: its content, its structured content if the tool gives one, and
 * whether the tool reported an error. A tool error is a result, not an exception: the agent reads
 * it and may try again differently.
 *
 * @param content           the content items, in order
 * @param structuredContent the JSON result, for tools with an output schema
 * @param isError           whether the tool reported an error
 */
public record ToolCallResult(List<ToolContent> content, Optional<JsonValue> structuredContent, boolean isError) {

    public ToolCallResult {
        content = List.copyOf(Objects.requireNonNull(content, "content"));
        Objects.requireNonNull(structuredContent, "structuredContent");
    }

    /** The text items joined by line breaks; empty if there are none. */
    public String text() {
        return content.stream().filter(ToolContent.Text.class::isInstance)
                .map(item -> ((ToolContent.Text) item).text())
                .collect(Collectors.joining("\n"));
    }
}
