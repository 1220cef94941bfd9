package io.mcpconn.infrastructure.jdbc.connection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mcpconn.domain.config.ApiKey;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code config_json} as stored: the seed's six keys, in the seed's order, then the keys that only
 * this library writes (the api key's header, extra HTTP headers, the stdio keys), each only when
 * it has a value. Unknown keys written by other programs are ignored. Written with Jackson's data
 * binding; read by {@link StoredJsonReader}, so that reading a row does not start data binding.
 */
@JsonPropertyOrder({"server_name", "url", "timeout", "retry_attempts", "auth_required", "api_key",
    "api_key_header", "headers", "transport", "command", "args", "env", "working_directory"})
record ConfigJson(
        @JsonProperty("server_name") String serverName,
        @JsonProperty("url") String url,
        @JsonProperty("timeout") BigDecimal timeout,
        @JsonProperty("retry_attempts") Integer retryAttempts,
        @JsonProperty("auth_required") Boolean authRequired,
        @JsonProperty("api_key") String apiKey,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("api_key_header") String apiKeyHeader,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("headers") Map<String, String> headers,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("transport") String transport,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("command") String command,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("args") List<String> args,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("env") Map<String, String> env,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("working_directory") String workingDirectory) {

    static final String STDIO = "stdio";

    /** Reads the object the parser is on, or {@code null} for JSON null. */
    static ConfigJson read(StoredJsonReader json) throws IOException {
        var read = new Members();
        return json.members("", name -> read.member(name, json)) ? read.config() : null;
    }

    /** The members read so far; what is never read stays {@code null}, as data binding leaves it. */
    private static final class Members {
        private String serverName;
        private String url;
        private BigDecimal timeout;
        private Integer retryAttempts;
        private Boolean authRequired;
        private String apiKey;
        private String apiKeyHeader;
        private Map<String, String> headers;
        private String transport;
        private String command;
        private List<String> args;
        private Map<String, String> env;
        private String workingDirectory;

        boolean member(String name, StoredJsonReader json) throws IOException {
            switch (name) {
                case "server_name" -> serverName = json.text(name);
                case "url" -> url = json.text(name);
                case "timeout" -> timeout = json.decimal(name);
                case "retry_attempts" -> retryAttempts = json.integer(name);
                case "auth_required" -> authRequired = json.bool(name);
                case "api_key" -> apiKey = json.text(name);
                case "api_key_header" -> apiKeyHeader = json.text(name);
                case "headers" -> headers = json.textMap(name);
                case "transport" -> transport = json.text(name);
                case "command" -> command = json.text(name);
                case "args" -> args = json.textList(name);
                case "env" -> env = json.textMap(name);
                case "working_directory" -> workingDirectory = json.text(name);
                default -> {
                    return false;
                }
            }
            return true;
        }

        ConfigJson config() {
            return new ConfigJson(serverName, url, timeout, retryAttempts, authRequired, apiKey, apiKeyHeader, headers,
                    transport, command, args, env, workingDirectory);
        }
    }

    @Override
    public String toString() {
        // The record holds the key in clear text; its default toString would print it.
        return "ConfigJson[server_name=" + serverName + ", transport=" + (transport == null ? "http" : transport)
                + ", api_key=" + (apiKey == null ? "null" : ApiKey.MASK)
                + ", headers=" + (headers == null ? "[]" : headers.keySet()) + "]";
    }
}
