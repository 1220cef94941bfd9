package io.mcpconn.infrastructure.mcp;

import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.HttpTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Builds Streamable HTTP transports that send the configuration's headers and api key.
 *
 * <p>SDK 2.1.0 builds a new {@link HttpClient} inside every transport and accepts no shared one.
 * Each such client would otherwise bring its own unbounded cached thread pool; here they all share
 * one small executor of daemon threads that die when idle. What stays per session is the client's
 * selector thread (a daemon the JDK ends once the client is unreachable, i.e. soon after the
 * session is closed and collected).
 */
final class HttpTransportFactory {

    private static final int EXECUTOR_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final McpJsonMapper mapper;
    private final ExecutorService executor;

    HttpTransportFactory(McpJsonMapper mapper) {
        this.mapper = mapper;
        var pool = new ThreadPoolExecutor(EXECUTOR_THREADS, EXECUTOR_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.named("mcpconn-http"));
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    /** Ends the shared threads; a request under way is interrupted. */
    void close() {
        executor.shutdownNow();
    }

    McpClientTransport create(ConnectionConfig config) {
        var http = (HttpTransport) config.transport();
        var url = withoutUserInfo(http.url());
        var headers = headers(config, http);
        var clientBuilder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor);
        return HttpClientStreamableHttpTransport.builder(url.toString())
                // The whole URL as the endpoint too, so that its path and query are used as given.
                .endpoint(url.toString())
                .jsonMapper(mapper)
                .clientBuilder(clientBuilder)
                .connectTimeout(config.timeout())
                .addHttpRequestCustomizer((request, method, endpoint, body, context) -> apply(request, headers))
                .build();
    }

    private static void apply(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::setHeader);
    }

    /** The headers every request carries: the configured ones, then the api key, then URL credentials. */
    static Map<String, String> headers(ConnectionConfig config, HttpTransport http) {
        var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(http.headers());
        config.apiKey().ifPresent(key -> headers.put(key.header().orElse("Authorization"),
                key.header().isPresent() ? key.reveal() : "Bearer " + key.reveal()));
        var userInfo = http.url().getRawUserInfo();
        if (userInfo != null && !headers.containsKey("Authorization")) {
            // Java's HTTP client ignores credentials in a URL; sent as HTTP Basic they do what the user meant.
            var decoded = URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8)));
        }
        return new LinkedHashMap<>(headers);
    }

    static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        var rebuilt = new StringBuilder(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() >= 0) {
            rebuilt.append(':').append(url.getPort());
        }
        rebuilt.append(url.getRawPath() == null ? "" : url.getRawPath());
        if (url.getRawQuery() != null) {
            rebuilt.append('?').append(url.getRawQuery());
        }
        return URI.create(rebuilt.toString());
    }
}
