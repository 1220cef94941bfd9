package io.mcpconn.cli;

import io.mcpconn.application.connection.ConnectionView;
import io.mcpconn.application.mcp.ServerInfo;
import io.mcpconn.application.mcp.ToolCallResult;
import io.mcpconn.application.mcp.ToolContent;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.domain.config.StdioTransport;
import io.mcpconn.domain.connection.LastError;
import io.mcpconn.domain.tool.ToolCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How connections, tools and tool results look on the command line: rows for people and maps for
 * {@code --json}, from the same values. Configurations are shown with every secret masked: only
 * what {@code toString}-safe accessors give (masked URL, masked args, env and header names).
 */
final class ConnectionText {

    private ConnectionText() {
    }

    static List<String> row(ConnectionView view) {
        var c = view.connection();
        return Output.row(c.serverName().value(), c.status().name(), Integer.toString(c.tools().size()),
                oneLine(transport(c.config()), 60), c.agentId().value(), session(view));
    }

    static List<List<String>> details(ConnectionView view) {
        var c = view.connection();
        var rows = new ArrayList<List<String>>();
        rows.add(Output.row("name", c.serverName().value()));
        rows.add(Output.row("id", c.id().value()));
        rows.add(Output.row("namespace", c.namespace().value()));
        rows.add(Output.row("owner", c.agentId().value()));
        rows.add(Output.row("status", c.status().name()));
        c.lastError().ifPresent(error -> rows.add(Output.row("last error", error.message() + " (" + error.at() + ")")));
        rows.add(Output.row("transport", transport(c.config())));
        if (c.config().transport() instanceof StdioTransport stdio) {
            rows.add(Output.row("env", stdio.env().isEmpty() ? "-" : String.join(", ", stdio.env().keySet()) + " (values hidden)"));
            rows.add(Output.row("working dir", stdio.workingDirectory().map(Path::toString).orElse("(the caller's)")));
        } else {
            var http = (HttpTransport) c.config().transport();
            rows.add(Output.row("headers", http.headers().isEmpty() ? "-" : String.join(", ", http.headers().keySet())
                    + " (values hidden)"));
        }
        rows.add(Output.row("api key", c.config().apiKey().map(Object::toString).orElse("none")));
        rows.add(Output.row("timeout", c.config().timeout().toMillis() / 1000.0 + " s"));
        rows.add(Output.row("retries", Integer.toString(c.config().retryAttempts())));
        rows.add(Output.row("tools", c.tools().size() + (c.tools().isEmpty() ? "" : ": " + names(c.tools()))));
        rows.add(Output.row("session", session(view)));
        rows.add(Output.row("created", c.createdAt().toString()));
        c.connectedAt().ifPresent(at -> rows.add(Output.row("connected", at.toString())));
        c.disconnectedAt().ifPresent(at -> rows.add(Output.row("disconnected", at.toString())));
        c.updatedAt().ifPresent(at -> rows.add(Output.row("updated", at.toString())));
        rows.add(Output.row("version", Long.toString(c.version())));
        return rows;
    }

    static Map<String, Object> unreadable(io.mcpconn.domain.connection.UnreadableConnection row) {
        var item = new java.util.LinkedHashMap<String, Object>();
        item.put("id", row.storedId());
        item.put("column", row.column());
        item.put("problem", row.problem());
        item.put("repair", row.repair());
        return item;
    }

    static Map<String, Object> summary(ConnectionView view) {
        var c = view.connection();
        var item = new LinkedHashMap<String, Object>();
        item.put("name", c.serverName().value());
        item.put("id", c.id().value());
        item.put("status", c.status().storageName());
        item.put("owner", c.agentId().value());
        item.put("transport", transport(c.config()));
        item.put("tools", c.tools().size());
        item.put("session", view.session().where().name().toLowerCase(Locale.ROOT));
        return item;
    }

    static Map<String, Object> full(ConnectionView view) {
        var c = view.connection();
        var item = summary(view);
        item.put("namespace", c.namespace().value());
        item.put("lastError", c.lastError().map(LastError::message).orElse(null));
        item.put("lastErrorAt", c.lastError().map(LastError::at).map(Instant::toString).orElse(null));
        item.put("timeoutSeconds", c.config().timeout().toMillis() / 1000.0);
        item.put("retryAttempts", c.config().retryAttempts());
        item.put("apiKey", c.config().apiKey().isPresent() ? "set" : null);
        item.put("toolNames", c.tools().tools().stream().map(tool -> tool.name()).toList());
        item.put("sessionHolder", view.session().lease().map(lease -> lease.holder().value()).orElse(null));
        item.put("createdAt", c.createdAt().toString());
        item.put("connectedAt", c.connectedAt().map(Instant::toString).orElse(null));
        item.put("disconnectedAt", c.disconnectedAt().map(Instant::toString).orElse(null));
        item.put("updatedAt", c.updatedAt().map(Instant::toString).orElse(null));
        item.put("version", c.version());
        return item;
    }

    static List<Map<String, Object>> tools(ToolCatalog tools) {
        var items = new ArrayList<Map<String, Object>>();
        for (var tool : tools) {
            var item = new LinkedHashMap<String, Object>();
            item.put("name", tool.name());
            item.put("title", tool.title().orElse(null));
            item.put("description", tool.description().orElse(null));
            item.put("category", tool.category().storageName());
            item.put("inputSchema", CliJson.tree(tool.inputSchema()));
            item.put("outputSchema", tool.outputSchema().map(CliJson::tree).orElse(null));
            items.add(item);
        }
        return items;
    }

    static Map<String, Object> server(ServerInfo server) {
        var item = new LinkedHashMap<String, Object>();
        item.put("name", server.name());
        item.put("version", server.version());
        item.put("protocolVersion", server.protocolVersion());
        return item;
    }

    static List<String> result(ToolCallResult result) {
        var lines = new ArrayList<String>();
        if (result.isError()) {
            lines.add("the tool reported an error:");
        }
        for (var item : result.content()) {
            if (item instanceof ToolContent.Text text) {
                lines.add(text.text());
            } else if (item instanceof ToolContent.Image image) {
                lines.add("[image " + image.mimeType() + ", " + image.base64Data().length() + " base64 characters]");
            } else if (item instanceof ToolContent.Audio audio) {
                lines.add("[audio " + audio.mimeType() + ", " + audio.base64Data().length() + " base64 characters]");
            } else if (item instanceof ToolContent.ResourceLink link) {
                lines.add("[resource link " + link.uri() + link.name().map(n -> " (" + n + ")").orElse("") + "]");
            } else if (item instanceof ToolContent.EmbeddedResource resource) {
                lines.add(resource.text().orElse("[embedded resource " + resource.uri() + "]"));
            }
        }
        result.structuredContent().ifPresent(json -> lines.add("structured content: " + json));
        return lines;
    }

    static Map<String, Object> resultDocument(ToolCallResult result) {
        var document = new LinkedHashMap<String, Object>();
        document.put("isError", result.isError());
        document.put("text", result.text());
        var content = new ArrayList<Map<String, Object>>();
        for (var item : result.content()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("type", item.getClass().getSimpleName().toLowerCase(Locale.ROOT));
            if (item instanceof ToolContent.Text text) {
                entry.put("text", text.text());
            } else if (item instanceof ToolContent.Image image) {
                entry.put("mimeType", image.mimeType());
                entry.put("data", image.base64Data());
            } else if (item instanceof ToolContent.Audio audio) {
                entry.put("mimeType", audio.mimeType());
                entry.put("data", audio.base64Data());
            } else if (item instanceof ToolContent.ResourceLink link) {
                entry.put("uri", link.uri());
                entry.put("name", link.name().orElse(null));
            } else if (item instanceof ToolContent.EmbeddedResource resource) {
                entry.put("uri", resource.uri());
                entry.put("text", resource.text().orElse(null));
            }
            content.add(entry);
        }
        document.put("content", content);
        document.put("structuredContent", result.structuredContent().map(CliJson::tree).orElse(null));
        return document;
    }

    static String transport(ConnectionConfig config) {
        if (config.transport() instanceof HttpTransport http) {
            return http.maskedUrl();
        }
        var stdio = (StdioTransport) config.transport();
        return "stdio: " + stdio.command() + (stdio.args().isEmpty() ? "" : " " + String.join(" ", stdio.maskedArgs()));
    }

    static String oneLine(String text, int max) {
        var flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    private static String names(ToolCatalog tools) {
        var names = tools.tools().stream().map(tool -> tool.name()).toList();
        return oneLine(String.join(", ", names), 200);
    }

    private static String session(ConnectionView view) {
        var lease = view.session().lease();
        switch (view.session().where()) {
            case HERE:
                return "held here";
            case ELSEWHERE:
                return "held by " + lease.map(l -> l.holder().value()).orElse("another instance");
            case STALE:
                return "stale (its instance stopped" + lease.map(l -> "; lease expired " + l.expiresAt()).orElse("") + ")";
            default:
                return "-";
        }
    }
}
