package io.mcpconn.domain.config;

import io.mcpconn.domain.shared.InvalidValueException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach and talk to one MCP server, validated on construction. The {@code config_json}
 * column of the seed stores it ({@code url}, {@code timeout}, {@code retry_attempts},
 * {@code auth_required}, {@code api_key}).
 *
 * <p>An api key is only held when authentication is required, and only for HTTP servers.
 * Authentication may be required without a key here: the Python service writes such rows when it
 * keeps its keys elsewhere. Such a connection is kept and listed, but cannot connect until it is
 * given its key ({@link #lacksApiKey()}). No secret it holds (see {@link #secrets()}) appears in
 * {@link #toString()}.
 *
 * @param transport     HTTP or stdio
 * @param timeout       how long one request may take; positive
 * @param retryAttempts how often a failed connect is retried; zero or more
 * @param authRequired  whether the server wants an api key
 * @param apiKey        the key; only when {@code authRequired}
 */
public record ConnectionConfig(Transport transport, Duration timeout, int retryAttempts,
                               boolean authRequired, Optional<ApiKey> apiKey) {

    /** The seed's default timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The seed's default number of retries. */
    public static final int DEFAULT_RETRY_ATTEMPTS = 3;

    /** Longest timeout accepted; anything longer is a typo (milliseconds given as seconds). */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    public ConnectionConfig {
        Objects.requireNonNull(transport, "transport is required but was missing");
        Objects.requireNonNull(timeout, "timeout is required but was missing");
        Objects.requireNonNull(apiKey, "apiKey");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidValueException("timeout must be more than 0 seconds, but is "
                    + timeout.toMillis() / 1000.0 + " s");
        }
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new InvalidValueException("timeout must be at most " + MAX_TIMEOUT.toSeconds()
                    + " seconds, but is " + timeout.toSeconds() + " s; timeouts are given in seconds");
        }
        if (retryAttempts < 0) {
            throw new InvalidValueException("retry_attempts must be 0 or more, but is " + retryAttempts);
        }
        if (!authRequired && apiKey.isPresent()) {
            throw new InvalidValueException("an api_key is given but auth_required is false;"
                    + " set auth_required to true or drop the key");
        }
        if (apiKey.isPresent() && !(transport instanceof HttpTransport)) {
            throw new InvalidValueException("an api_key is sent as an HTTP header, but this server is started"
                    + " over stdio; give a stdio server its key through an environment variable instead");
        }
    }

    /** An HTTP server at {@code url} with the seed's defaults and no authentication. */
    public static ConnectionConfig http(String url) {
        return of(HttpTransport.of(url));
    }

    /** A stdio server with the seed's defaults and no authentication. */
    public static ConnectionConfig stdio(String command, String... args) {
        return of(StdioTransport.of(command, args));
    }

    /** A server reached by {@code transport}, with the seed's defaults and no authentication. */
    public static ConnectionConfig of(Transport transport) {
        return new ConnectionConfig(transport, DEFAULT_TIMEOUT, DEFAULT_RETRY_ATTEMPTS, false, Optional.empty());
    }

    /** Same config with another timeout. */
    public ConnectionConfig withTimeout(Duration newTimeout) {
        return new ConnectionConfig(transport, newTimeout, retryAttempts, authRequired, apiKey);
    }

    /** Same config with another number of retries. */
    public ConnectionConfig withRetryAttempts(int newRetryAttempts) {
        return new ConnectionConfig(transport, timeout, newRetryAttempts, authRequired, apiKey);
    }

    /** Same config, authenticating with {@code key}. */
    public ConnectionConfig withApiKey(ApiKey key) {
        return new ConnectionConfig(transport, timeout, retryAttempts, true, Optional.of(key));
    }

    /** Same config without authentication. */
    public ConnectionConfig withoutAuthentication() {
        return new ConnectionConfig(transport, timeout, retryAttempts, false, Optional.empty());
    }

    /**
     * Whether the server wants an api key that this configuration does not hold: it was stored
     * by a program that keeps keys elsewhere. Connecting it is refused until it is given one.
     */
    public boolean lacksApiKey() {
        return authRequired && apiKey.isEmpty();
    }

    /**
     * Every secret this configuration holds: the api key, secret header values, URL credentials and
     * tokens, stdio environment values and secret arguments.
     */
    public Secrets secrets() {
        return apiKey.map(ApiKey::secrets).orElse(Secrets.NONE).and(transport.secrets());
    }

    /** {@code text} with every secret of this configuration, in any encoding, masked. */
    public String redact(String text) {
        return secrets().redact(text);
    }
}
