package io.mcpconn.application.mcp;

import java.util.Objects;
import java.util.Optional;

/** One piece of what a tool call returned, after the MCP specification's content types. */
public sealed interface ToolContent {

    /** Plain text. */
    record Text(String text) implements ToolContent {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image, base64-encoded. */
    record Image(String mimeType, String base64Data) implements ToolContent {
        public Image {
            Objects.requireNonNull(mimeType, "mimeType");
            Objects.requireNonNull(base64Data, "base64Data");
        }
    }

    /** Audio, base64-encoded. */
    record Audio(String mimeType, String base64Data) implements ToolContent {
        public Audio {
            Objects.requireNonNull(mimeType, "mimeType");
            Objects.requireNonNull(base64Data, "base64Data");
        }
    }

    /** A link to a resource the server offers. */
    record ResourceLink(String uri, Optional<String> name, Optional<String> mimeType) implements ToolContent {
        public ResourceLink {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mimeType, "mimeType");
        }
    }

    /** A resource embedded in the result: text, or a base64 blob. */
    record EmbeddedResource(String uri, Optional<String> mimeType, Optional<String> text,
                            Optional<String> base64Blob) implements ToolContent {
        public EmbeddedResource {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(mimeType, "mimeType");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(base64Blob, "base64Blob");
        }
    }
}
