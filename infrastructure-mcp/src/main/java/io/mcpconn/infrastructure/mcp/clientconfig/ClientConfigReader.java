package io.mcpconn.infrastructure.mcp.clientconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mcpconn.application.transfer.ImportEntry;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.domain.config.StdioTransport;
import io.mcpconn.domain.shared.DomainException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the servers of an MCP client's configuration file ({@link ClientConfigFormat}) into
 * {@link ImportEntry}s: each entry valid with its configuration, or invalid with a message naming
 * what is wrong, so that one bad entry never stops the others.
 *
 * <p>{@code ${env:NAME}} in a value is replaced by that environment variable (as editors do);
 * {@code ${input:…}} asks a person for a value, which an import cannot, so such an entry is invalid.
 * A relative {@code cwd} is taken from the file's directory.
 */
public final class ClientConfigReader {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(env|input):([^}]*)}");

    private final Map<String, String> environment;
    private final Path baseDirectory;

    /** A reader resolving {@code ${env:…}} from {@code environment} and relative paths from {@code baseDirectory}. */
    public ClientConfigReader(Map<String, String> environment, Path baseDirectory) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory").toAbsolutePath();
    }

    /** The servers in {@code text} and the format it is in. */
    public record Parsed(ClientConfigFormat format, List<ImportEntry> entries) {
        public Parsed {
            Objects.requireNonNull(format, "format");
            entries = List.copyOf(entries);
        }
    }

    /**
     * Reads a file's text.
     *
     * @throws InvalidClientConfigException if it is not JSON or holds neither {@code mcpServers} nor {@code servers}
     */
    public Parsed read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            // Jackson quotes the offending token, which may be a secret: only the position is given.
            throw new InvalidClientConfigException("the file is not valid JSON" + where);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidClientConfigException("the file must hold a JSON object with \"mcpServers\" or \"servers\"");
        }
        for (var format : ClientConfigFormat.values()) {
            var servers = root.get(format.key());
            if (servers != null) {
                if (!servers.isObject()) {
                    throw new InvalidClientConfigException("\"" + format.key() + "\" must be an object of servers by name");
                }
                var entries = new ArrayList<ImportEntry>();
                servers.properties().forEach(field -> entries.add(entry(format, field.getKey(), field.getValue())));
                return new Parsed(format, entries);
            }
        }
        throw new InvalidClientConfigException("the file holds neither \"mcpServers\" (desktop clients) nor \"servers\""
                + " (editor workspaces); found: " + String.join(", ", fieldNames(root)));
    }

    private ImportEntry entry(ClientConfigFormat format, String name, JsonNode server) {
        try {
            if (!server.isObject()) {
                return ImportEntry.invalid(name, "must be an object with \"command\" or \"url\"");
            }
            var type = text(server, "type").map(t -> t.toLowerCase(Locale.ROOT));
            if (type.isPresent() && type.get().equals("sse")) {
                return ImportEntry.invalid(name, "uses the SSE transport, which mcpconn does not speak; use the server's"
                        + " Streamable HTTP endpoint (\"type\": \"http\") or stdio");
            }
            boolean stdio = type.map(t -> t.equals("stdio")).orElse(server.has("command"));
            boolean http = type.map(t -> t.equals("http") || t.equals("streamable-http") || t.equals("streamablehttp"))
                    .orElse(server.has("url"));
            if (format == ClientConfigFormat.SERVERS && type.isEmpty()) {
                return ImportEntry.invalid(name, "lacks \"type\"; editor workspace files say \"stdio\" or \"http\"");
            }
            if (stdio == http) {
                return ImportEntry.invalid(name, type.isPresent() && !stdio && !http
                        ? "has the unknown type \"" + type.get() + "\"; use \"stdio\" or \"http\""
                        : "must have either \"command\" (stdio) or \"url\" (HTTP)");
            }
            return ImportEntry.valid(name, stdio ? stdio(server) : http(server));
        } catch (EntryException | DomainException e) {
            return ImportEntry.invalid(name, e.getMessage());
        }
    }

    private ConnectionConfig stdio(JsonNode server) {
        var command = resolve(text(server, "command").orElseThrow(() -> new EntryException("lacks \"command\"")), "command");
        var args = new ArrayList<String>();
        var argsNode = server.get("args");
        if (argsNode != null && !argsNode.isNull()) {
            if (!argsNode.isArray()) {
                throw new EntryException("\"args\" must be a list of strings");
            }
            for (var arg : argsNode) {
                if (!arg.isTextual()) {
                    throw new EntryException("\"args\" must be a list of strings, but holds " + arg.getNodeType().name().toLowerCase(Locale.ROOT));
                }
                args.add(resolve(arg.asText(), "args"));
            }
        }
        var cwd = text(server, "cwd").map(dir -> baseDirectory.resolve(resolve(dir, "cwd")).normalize());
        return ConnectionConfig.of(new StdioTransport(command, args, strings(server, "env"), cwd));
    }

    private ConnectionConfig http(JsonNode server) {
        var url = resolve(text(server, "url").orElseThrow(() -> new EntryException("lacks \"url\"")), "url");
        return ConnectionConfig.of(HttpTransport.of(url, strings(server, "headers")));
    }

    private Map<String, String> strings(JsonNode server, String key) {
        var node = server.get(key);
        var values = new LinkedHashMap<String, String>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isObject()) {
            throw new EntryException("\"" + key + "\" must be an object of strings");
        }
        for (var field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw new EntryException("\"" + key + "\" value of " + field.getKey() + " must be a string");
            }
            values.put(field.getKey(), resolve(field.getValue().asText(), key + "." + field.getKey()));
        }
        return values;
    }

    // Secrets may stand in these values: a message names where the problem is, never the value.
    private String resolve(String value, String where) {
        var matcher = VARIABLE.matcher(value);
        var out = new StringBuilder();
        while (matcher.find()) {
            if (matcher.group(1).equals("input")) {
                throw new EntryException("\"" + where + "\" asks for input (${input:" + matcher.group(2)
                        + "}), which an import cannot give; put the value in the file or in an environment variable"
                        + " and write ${env:NAME}");
            }
            var variable = environment.get(matcher.group(2));
            if (variable == null) {
                throw new EntryException("\"" + where + "\" needs the environment variable " + matcher.group(2)
                        + ", which is not set");
            }
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(variable));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Optional<String> text(JsonNode server, String key) {
        var node = server.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new EntryException("\"" + key + "\" must be a string");
        }
        return Optional.of(node.asText());
    }

    private static List<String> fieldNames(JsonNode root) {
        var names = new ArrayList<String>();
        root.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? List.of("nothing") : names;
    }

    /** One entry's problem; the message completes "server NAME …". */
    private static final class EntryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EntryException(String message) {
            super(message);
        }
    }
}
