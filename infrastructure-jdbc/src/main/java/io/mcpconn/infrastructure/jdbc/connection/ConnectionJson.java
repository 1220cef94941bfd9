package io.mcpconn.infrastructure.jdbc.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpconn.domain.config.ApiKey;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.domain.config.StdioTransport;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.domain.tool.ToolAnnotations;
import io.mcpconn.domain.tool.ToolCatalog;
import io.mcpconn.domain.tool.ToolCategory;
import io.mcpconn.infrastructure.jdbc.secrets.SealedField;
import io.mcpconn.infrastructure.jdbc.secrets.SealedValueException;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    private static final String COLUMN = "config_json";

    private ConnectionJson() {
    }

    static String writeConfig(ServerName serverName, ConnectionConfig config, SecretsAtRest secrets, String rowId) {
        var seal = new Sealer(secrets, rowId);
        var key = config.apiKey().map(k -> seal.store(k.reveal(), "api_key")).orElse(null);
        var keyHeader = config.apiKey().flatMap(ApiKey::header).orElse(null);
        var timeout = BigDecimal.valueOf(config.timeout().toMillis()).movePointLeft(3).stripTrailingZeros();
        ConfigJson json;
        if (config.transport() instanceof HttpTransport http) {
            var url = http.url().toString();
            // Only a URL that holds credentials or tokens is sealed; others stay readable as they are.
            var storedUrl = http.maskedUrl().equals(url) ? url : seal.store(url, "url");
            var headers = new LinkedHashMap<String, String>();
            http.headers().forEach((name, value) -> headers.put(name,
                    HttpTransport.isSecretHeader(name) ? seal.store(value, "headers." + name) : value));
            json = new ConfigJson(serverName.value(), storedUrl, plain(timeout), config.retryAttempts(),
                    config.authRequired(), key, keyHeader, headers, null, null, null, null, null);
        } else {
            var stdio = (StdioTransport) config.transport();
            var masked = stdio.maskedArgs();
            var args = new ArrayList<String>(stdio.args().size());
            for (int i = 0; i < stdio.args().size(); i++) {
                var arg = stdio.args().get(i);
                args.add(masked.get(i).equals(arg) ? arg : seal.store(arg, "args." + i));
            }
            var env = new LinkedHashMap<String, String>();
            stdio.env().forEach((name, value) -> env.put(name, seal.store(value, "env." + name)));
            json = new ConfigJson(serverName.value(), null, plain(timeout), config.retryAttempts(),
                    config.authRequired(), key, keyHeader, null, ConfigJson.STDIO, stdio.command(), args, env,
                    stdio.workingDirectory().map(Path::toString).orElse(null));
        }
        return write(json);
    }

    static ConnectionConfig readConfig(String text, SecretsAtRest secrets, String rowId) {
        var json = read(text, ConfigJson::read);
        if (json == null) {
            throw new ColumnValueException("holds null instead of a JSON object");
        }
        var open = new Sealer(secrets, rowId);
        try {
            var transport = ConfigJson.STDIO.equals(json.transport()) || (json.url() == null && json.command() != null)
                    ? new StdioTransport(require(json.command(), "command"), open.args(json.args()), open.env(json.env()),
                            Optional.ofNullable(json.workingDirectory()).map(Path::of))
                    : HttpTransport.of(open.read(require(json.url(), "url"), "url"), open.headers(json.headers()));
            var timeout = json.timeout() == null ? ConnectionConfig.DEFAULT_TIMEOUT
                    : Duration.ofMillis(json.timeout().movePointRight(3).longValue());
            var retries = json.retryAttempts() == null ? ConnectionConfig.DEFAULT_RETRY_ATTEMPTS : json.retryAttempts();
            var key = Optional.ofNullable(json.apiKey()).filter(k -> !k.isBlank()).map(k -> open.read(k, "api_key"))
                    .map(ApiKey::of).map(k -> json.apiKeyHeader() == null ? k : k.inHeader(json.apiKeyHeader()));
            var authRequired = json.authRequired() == null ? key.isPresent() : json.authRequired();
            return new ConnectionConfig(transport, timeout, retries, authRequired, key);
        } catch (DomainException e) {
            throw new ColumnValueException("holds an invalid configuration: " + e.getMessage());
        } catch (SealedValueException e) {
            throw new ColumnValueException("holds a sealed secret that cannot be opened: " + e.getMessage(),
                    "configure the key that sealed it (" + SecretsConfiguration.KEY_FILE + " or " + SecretsConfiguration.KEY
                            + "), or reconfigure the connection with its secrets");
        }
    }

    /** Seals and opens the secrets of one row's {@code config_json}, each bound to its field. */
    private record Sealer(SecretsAtRest secrets, String rowId) {

        String store(String value, String field) {
            return secrets.store(value, new SealedField(rowId, COLUMN, field));
        }

        String read(String stored, String field) {
            return secrets.read(stored, new SealedField(rowId, COLUMN, field));
        }

        List<String> args(List<String> stored) {
            if (stored == null) {
                return List.of();
            }
            var args = new ArrayList<String>(stored.size());
            for (int i = 0; i < stored.size(); i++) {
                var arg = stored.get(i);
                if (arg == null) {
                    throw new ColumnValueException("holds null as argument " + i + " of the stdio command");
                }
                args.add(read(arg, "args." + i));
            }
            return args;
        }

        Map<String, String> env(Map<String, String> stored) {
            return openValues(stored, "env.");
        }

        Map<String, String> headers(Map<String, String> stored) {
            return openValues(stored, "headers.");
        }

        private Map<String, String> openValues(Map<String, String> stored, String prefix) {
            if (stored == null) {
                return Map.of();
            }
            var opened = new LinkedHashMap<String, String>();
            stored.forEach((name, value) -> {
                if (value == null) {
                    throw new ColumnValueException("holds null as the value of " + prefix + name);
                }
                opened.put(name, read(value, prefix + name));
            });
            return opened;
        }
    }

    static String writeTools(ToolCatalog tools) {
        var json = new ArrayList<ToolJson>(tools.size());
        for (var tool : tools) {
            var hints = tool.annotations();
            json.add(new ToolJson(tool.name(), tool.title().orElse(null), tool.description().orElse(null),
                    tool.inputSchema(), tool.outputSchema().orElse(null),
                    hints.isEmpty() ? null : new ToolJson.Annotations(hints.readOnlyHint().orElse(null),
                            hints.destructiveHint().orElse(null), hints.idempotentHint().orElse(null),
                            hints.openWorldHint().orElse(null)),
                    tool.category().storageName()));
        }
        return write(json);
    }

    static ToolCatalog readTools(String text) {
        var json = read(text, tools -> tools.array("", ToolJson::read));
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

    private static Optional<JsonObject> schema(JsonValue value, String toolName, String key) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonObject object)) {
            throw new ColumnValueException("holds tool \"" + toolName + "\" whose " + key + " is a JSON "
                    + SchemaJson.kind(value) + ", not an object");
        }
        return Optional.of(object);
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
            return Writing.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            // Only our own records and trees are written; failing here is a bug, not bad input.
            throw new IllegalStateException("could not write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Data binding, made on the first write: a process that only reads never starts it. */
    private static final class Writing {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    // config_json may hold an api key, and Jackson's messages quote the offending token: only the
    // position of the problem is reported, for both columns alike.
    private static <T> T read(String text, StoredJsonReader.Reading<T> reading) {
        try {
            return StoredJsonReader.parse(text, reading);
        } catch (JsonProcessingException e) {
            var where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new ColumnValueException("is not valid JSON for this column" + where);
        } catch (IOException e) {
            // A String is read without I/O; only the parser's own exceptions can come.
            throw new UncheckedIOException(e);
        }
    }

    /** A stored value that cannot become part of a connection; the message completes "column X …". */
    static final class ColumnValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String repair;

        ColumnValueException(String problem) {
            this(problem, null);
        }

        /** With a repair of its own, for a problem an UPDATE of the value would not solve. */
        ColumnValueException(String problem, String repair) {
            super(problem);
            this.repair = repair;
        }

        /** How to repair it, where the usual "correct or delete the row" does not fit. */
        Optional<String> repair() {
            return Optional.ofNullable(repair);
        }
    }
}
