package io.mcpconn.infrastructure.jdbc.connection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mcpconn.domain.config.ApiKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code config_json} as stored: the seed's six keys, in the seed's order, then the keys that only
 * this library writes (the api key's header, extra HTTP headers, the stdio keys), each only when
 * it has a value. Unknown keys written by other programs are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
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

    @Override
    public String toString() {
        // The record holds the key in clear text; its default toString would print it.
        return "ConfigJson[server_name=" + serverName + ", transport=" + (transport == null ? "http" : transport)
                + ", api_key=" + (apiKey == null ? "null" : ApiKey.MASK)
                + ", headers=" + (headers == null ? "[]" : headers.keySet()) + "]";
    }
}
