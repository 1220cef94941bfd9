package io.mcpconn.domain.config;

import io.mcpconn.domain.shared.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A server reached over HTTP(S) at {@code url}.
 *
 * @param url absolute {@code http} or {@code https} URL with a host
 */
public record HttpTransport(URI url) implements Transport {

    public HttpTransport {
        Objects.requireNonNull(url, "url is required but was missing");
        var scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidValueException("server url " + masked(url)
                    + " must start with http:// or https://, e.g. http://localhost:8080/mcp");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new InvalidValueException("server url " + masked(url)
                    + " has no host; write it as " + scheme + "://HOST[:PORT]/PATH");
        }
    }

    /**
     * Parses a URL.
     *
     * @throws InvalidValueException if it is not a valid absolute http(s) URL
     */
    public static HttpTransport of(String url) {
        Objects.requireNonNull(url, "url is required but was missing");
        try {
            return new HttpTransport(new URI(url.strip()));
        } catch (URISyntaxException e) {
            throw new InvalidValueException("server url is not a valid URL (" + e.getReason()
                    + " at index " + e.getIndex() + "); write it as http://HOST[:PORT]/PATH");
        }
    }

    @Override
    public String toString() {
        return "HttpTransport[url=" + masked(url) + "]";
    }

    // A URL can carry credentials in its user-info or query; neither belongs in a message.
    private static String masked(URI url) {
        if (url.getRawUserInfo() == null && url.getRawQuery() == null) {
            return url.toString();
        }
        var shown = new StringBuilder();
        if (url.getScheme() != null) {
            shown.append(url.getScheme()).append("://");
        }
        if (url.getRawUserInfo() != null) {
            shown.append(ApiKey.MASK).append('@');
        }
        if (url.getHost() != null) {
            shown.append(url.getHost());
        }
        if (url.getPort() >= 0) {
            shown.append(':').append(url.getPort());
        }
        if (url.getRawPath() != null) {
            shown.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            shown.append('?').append(ApiKey.MASK);
        }
        return shown.toString();
    }
}
