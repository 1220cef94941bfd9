package io.mcpconn.infrastructure.mcp.clientconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpconn.application.transfer.ExportConnections.ExportedServer;
import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.domain.config.StdioTransport;
import java.util.List;
import java.util.Locale;

/**
 * Writes servers in an MCP client's configuration format. Secrets are written only when asked
 * for; otherwise each secret value becomes an {@code ${input:…}} placeholder (which editors ask a
 * person for), and URL credentials are masked — so a file made without secrets may be shared.
 *
 * <p>The api key becomes the header it is sent in ({@code Authorization: Bearer …}, or its named
 * header). Timeouts and retries have no place in these formats and are left out.
 */
public final class ClientConfigWriter {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ClientConfigWriter() {
    }

    /** The file's text for {@code servers} in {@code format}, with secrets only if {@code includeSecrets}. */
    public static String write(ClientConfigFormat format, List<ExportedServer> servers, boolean includeSecrets) {
        var root = JSON.createObjectNode();
        var entries = root.putObject(format.key());
        for (var server : servers) {
            var name = server.name().value();
            var entry = entries.putObject(name);
            var config = server.config();
            if (config.transport() instanceof StdioTransport stdio) {
                if (format == ClientConfigFormat.SERVERS) {
                    entry.put("type", "stdio");
                }
                entry.put("command", stdio.command());
                var args = entry.putArray("args");
                var shown = includeSecrets ? stdio.args() : stdio.maskedArgs();
                for (int i = 0; i < shown.size(); i++) {
                    args.add(shown.get(i).equals(stdio.args().get(i)) ? shown.get(i)
                            : placeholder(name, "arg" + (i + 1), shown.get(i)));
                }
                if (!stdio.env().isEmpty()) {
                    var env = entry.putObject("env");
                    stdio.env().forEach((key, value) -> env.put(key, includeSecrets ? value : placeholder(name, key, null)));
                }
                stdio.workingDirectory().ifPresent(dir -> entry.put("cwd", dir.toString()));
            } else {
                var http = (HttpTransport) config.transport();
                if (format == ClientConfigFormat.SERVERS) {
                    entry.put("type", "http");
                }
                entry.put("url", includeSecrets ? http.url().toString() : http.maskedUrl());
                ObjectNode headers = null;
                for (var header : http.headers().entrySet()) {
                    headers = headers == null ? entry.putObject("headers") : headers;
                    var secret = HttpTransport.isSecretHeader(header.getKey());
                    headers.put(header.getKey(), secret && !includeSecrets
                            ? placeholder(name, header.getKey(), null) : header.getValue());
                }
                if (config.apiKey().isPresent()) {
                    var key = config.apiKey().get();
                    headers = headers == null ? entry.putObject("headers") : headers;
                    var headerName = key.header().orElse("Authorization");
                    var value = includeSecrets ? key.reveal() : placeholder(name, "api-key", null);
                    headers.put(headerName, key.header().isPresent() ? value : "Bearer " + value);
                }
            }
        }
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON: " + e.getOriginalMessage(), e);
        }
    }

    // "--token=****" keeps its flag: only the secret part becomes the placeholder.
    private static String placeholder(String server, String what, String masked) {
        var input = "${input:" + (server + "-" + what).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-") + "}";
        if (masked != null && masked.endsWith("=" + io.mcpconn.domain.config.ApiKey.MASK)) {
            return masked.substring(0, masked.length() - io.mcpconn.domain.config.ApiKey.MASK.length()) + input;
        }
        return input;
    }
}
