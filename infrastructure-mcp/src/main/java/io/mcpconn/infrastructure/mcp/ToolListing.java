package io.mcpconn.infrastructure.mcp;

import io.mcpconn.application.mcp.McpClientException.Reason;
import io.mcpconn.domain.tool.Tool;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

/**
 * Lists a server's tools page by page, to the end, and refuses a listing that would not end (a
 * repeated cursor, or more than {@link #MAX_PAGES} pages) or holds a tool the domain refuses.
 * The SDK's own "list all" follows cursors without any such guard.
 */
final class ToolListing {

    /** More pages than any real server sends (at the usual 50 to 100 tools a page). */
    static final int MAX_PAGES = 1000;

    private ToolListing() {
    }

    /**
     * Every tool, in the server's order.
     *
     * @param page the page a cursor names ({@code null}: the first)
     */
    static List<Tool> all(Function<String, McpSchema.ListToolsResult> page, ToolMapper tools, FailureTranslator errors) {
        var listed = new ArrayList<Tool>();
        var cursors = new HashSet<String>();
        String cursor = null;
        for (int number = 1; ; number++) {
            var result = page.apply(cursor);
            if (result.tools() != null) {
                result.tools().forEach(tool -> listed.add(domainTool(tool, tools, errors)));
            }
            var next = result.nextCursor();
            if (next == null || next.isEmpty()) {
                break;
            }
            if (!cursors.add(next)) {
                throw errors.failure(Reason.PROTOCOL, errors.server() + " sent the same pagination cursor \""
                        + FailureTranslator.shorten(next) + "\" twice while listing its tools (at page " + (number + 1)
                        + "), so the listing would never end; the server has a bug, report it to its authors");
            }
            if (number >= MAX_PAGES) {
                throw errors.failure(Reason.PROTOCOL, errors.server() + " was still listing tools after " + MAX_PAGES
                        + " pages, so the listing was stopped; the server has a bug, report it to its authors");
            }
            cursor = next;
        }
        try {
            return ToolMapper.unique(listed);
        } catch (RuntimeException e) {
            throw errors.failure(Reason.PROTOCOL, errors.server() + " listed its tools in a way mcpconn cannot accept: "
                    + e.getMessage());
        }
    }

    private static Tool domainTool(McpSchema.Tool listed, ToolMapper tools, FailureTranslator errors) {
        try {
            return tools.tool(listed);
        } catch (RuntimeException e) {
            throw errors.failure(Reason.PROTOCOL, errors.server() + " listed the tool \"" + listed.name()
                    + "\", which mcpconn cannot accept: " + e.getMessage());
        }
    }
}
