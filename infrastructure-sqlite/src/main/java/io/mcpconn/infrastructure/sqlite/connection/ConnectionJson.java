package io.mcpconn.infrastructure.sqlite.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mcpconn.domain.config.ApiKey;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.domain.config.StdioTransport;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.domain.tool.ToolAnnotations;
import io.mcpconn.domain.tool.ToolCatalog;
import io.mcpconn.domain.tool.ToolCategory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the two JSON columns in the seed's formats. Reading is lenient where the Python
 * service may differ (unknown keys, missing optional keys, an unknown category) and strict where a
 * value would break a domain rule: those fail with {@link ColumnValueException}, which the
 * repository turns into an error naming the row and the column.
 */
final class ConnectionJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final TypeReference<List<ToolJson>> TOOL_LIST = new TypeReference<>() { };

    private ConnectionJson() {
    }

    static String writeConfig(ServerName serverName, ConnectionConfig config) {
        var key = config.apiKey().map(ApiKey::reveal).orElse(null);
        var keyHeader = config.apiKey().flatMap(ApiKey::header).orElse(null);
        var timeout = BigDecimal.valueOf(config.timeout().toMillis()).movePointLeft(3).stripTrailingZeros();
        ConfigJson json;
        if (config.transport() instanceof HttpTransport http) {
            json = new ConfigJson(serverName.value(), http.url().toString(), plain(timeout), config.retryAttempts(),
                    config.authRequired(), key, keyHeader, http.headers(), null, null, null, null, null);
        } else {
            var stdio = (StdioTransport) config.transport();
            json = new ConfigJson(serverName.value(), null, plain(timeout), config.retryAttempts(),
                    config.authRequired(), key, keyHeader, null, ConfigJson.STDIO, stdio.command(), stdio.args(), stdio.env(),
                    stdio.workingDirectory().map(Path::toString).orElse(null));
        }
        return write(json);
    }

    static ConnectionConfig readConfig(String text) {
        var json = read(text, ConfigJson.class);
        if (json == null) {
            throw new ColumnValueException("holds null instead of a JSON object");
        }
        try {
            var transport = ConfigJson.STDIO.equals(json.transport()) || (json.url() == null && json.command() != null)
                    ? new StdioTransport(require(json.command(), "command"),
                            json.args() == null ? List.of() : json.args(),
                            json.env() == null ? Map.of() : json.env(),
                            Optional.ofNullable(json.workingDirectory()).map(Path::of))
                    : HttpTransport.of(require(json.url(), "url"), json.headers() == null ? Map.of() : json.headers());
            var timeout = json.timeout() == null ? ConnectionConfig.DEFAULT_TIMEOUT
                    : Duration.ofMillis(json.timeout().movePointRight(3).longValue());
            var retries = json.retryAttempts() == null ? ConnectionConfig.DEFAULT_RETRY_ATTEMPTS : json.retryAttempts();
            var key = Optional.ofNullable(json.apiKey()).filter(k -> !k.isBlank()).map(ApiKey::of)
                    .map(k -> json.apiKeyHeader() == null ? k : k.inHeader(json.apiKeyHeader()));
            var authRequired = json.authRequired() == null ? key.isPresent() : json.authRequired();
            return new ConnectionConfig(transport, timeout, retries, authRequired, key);
        } catch (DomainException e) {
            throw new ColumnValueException("holds an invalid configuration: " + e.getMessage());
        }
    }

    static String writeTools(ToolCatalog tools) {
        var json = new ArrayList<ToolJson>(tools.size());
        for (var tool : tools) {
            var hints = tool.annotations();
            json.add(new ToolJson(tool.name(), tool.title().orElse(null), tool.description().orElse(null),
                    JsonTrees.toJackson(tool.inputSchema()), tool.outputSchema().map(JsonTrees::toJackson).orElse(null),
                    hints.isEmpty() ? null : new ToolJson.Annotations(hints.readOnlyHint().orElse(null),
                            hints.destructiveHint().orElse(null), hints.idempotentHint().orElse(null),
                            hints.openWorldHint().orElse(null)),
                    tool.category().storageName()));
        }
        return write(json);
    }

    static ToolCatalog readTools(String text) {
        var json = read(text, TOOL_LIST);
        if (json == null) {
            return ToolCatalog.EMPTY;
        }
        try {
            var tools = new ArrayList<Tool>(json.size());
            for (var entry : json) {
                if (entry == null) {
                    throw new ColumnValueException("holds a null entry in its list of tools");
                }
                tools.add(toTool(entry));
            }
            return ToolCatalog.of(tools);
        } catch (DomainException e) {
            throw new ColumnValueException("holds an invalid tool: " + e.getMessage());
        }
    }

    private static Tool toTool(ToolJson entry) {
        var name = require(entry.name(), "name");
        var description = Optional.ofNullable(entry.description());
        var hints = entry.annotations() == null ? ToolAnnotations.NONE : new ToolAnnotations(
                Optional.ofNullable(entry.annotations().readOnlyHint()),
                Optional.ofNullable(entry.annotations().destructiveHint()),
                Optional.ofNullable(entry.annotations().idempotentHint()),
                Optional.ofNullable(entry.annotations().openWorldHint()));
        var category = Optional.ofNullable(entry.category()).flatMap(ToolCategory::fromStorageName)
                .orElseGet(() -> ToolCategory.infer(name, description));
        return new Tool(name, Optional.ofNullable(entry.title()), description,
                schema(entry.inputSchema(), name, "input_schema").orElse(JsonObject.EMPTY),
                schema(entry.outputSchema(), name, "output_schema"), hints, category);
    }

    private static Optional<JsonObject> schema(JsonNode node, String toolName, String key) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new ColumnValueException("holds tool \"" + toolName + "\" whose " + key + " is a JSON "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not an object");
        }
        return Optional.of(JsonTrees.toDomainObject(node));
    }

    private static String require(String value, String key) {
        if (value == null) {
            throw new ColumnValueException("lacks the key \"" + key + "\"");
        }
        return value;
    }

    // 30 rather than 3E+1: the seed stores whole seconds as a plain integer.
    private static BigDecimal plain(BigDecimal seconds) {
        return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
    }

    private static String write(Object json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            // Only our own records and trees are written; failing here is a bug, not bad input.
            throw new IllegalStateException("could not write JSON: " + e.getOriginalMessage(), e);
        }
    }

    // config_json may hold an api key, and Jackson's messages quote the offending token: only the
    // position of the problem is reported for it.
    private static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            var where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new ColumnValueException("is not valid JSON for this column" + where);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new ColumnValueException("is not valid JSON for this column (" + e.getOriginalMessage() + ")");
        }
    }

    /** A stored value that cannot become part of a connection; the message completes "column X …". */
    static final class ColumnValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ColumnValueException(String problem) {
            super(problem);
        }
    }
}
