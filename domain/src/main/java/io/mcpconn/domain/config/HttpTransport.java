package io.mcpconn.domain.config;

import io.mcpconn.domain.shared.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A server reached over Streamable HTTP at {@code url}, with extra request headers.
 *
 * <p>Credentials in the URL (user info, and query parameters named like {@code token} or
 * {@code api_key}) and the values of headers named like {@code Authorization} or {@code X-Api-Key}
 * are secrets: they are masked in {@link #toString()} and in every message, and
 * {@link #secrets()} lets any text be redacted of them.
 *
 * @param url     absolute {@code http} or {@code https} URL with a host
 * @param headers sent with every request, by name (names compared case-insensitively)
 */
public record HttpTransport(URI url, Map<String, String> headers) implements Transport {

    // RFC 9110 token characters.
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
    // Headers the HTTP client computes itself; setting them by hand breaks requests.
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "upgrade",
            "expect", "transfer-encoding", "te", "keep-alive", "mcp-session-id", "mcp-protocol-version");
    private static final Pattern RAW_USER_INFO = Pattern.compile("(?<=//)[^/?#]*@");
    private static final Pattern RAW_QUERY = Pattern.compile("\\?[^#]*");

    public HttpTransport {
        Objects.requireNonNull(url, "url is required but was missing");
        Objects.requireNonNull(headers, "headers");
        var scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidValueException("server url " + masked(url)
                    + " must start with http:// or https://, e.g. http://localhost:8080/mcp");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new InvalidValueException("server url " + masked(url)
                    + " has no host; write it as " + scheme + "://HOST[:PORT]/PATH");
        }
        var checked = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            var valid = headerName(name);
            if (RESTRICTED.contains(valid.toLowerCase(Locale.ROOT))) {
                throw new InvalidValueException("header " + valid + " is set by the HTTP client itself;"
                        + " leave it out of the server's headers");
            }
            Objects.requireNonNull(value, () -> "value of header " + valid);
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new InvalidValueException("the value of header " + valid
                        + " must not contain line breaks or NUL");
            }
            // HTTP drops the blanks around a field value (RFC 9110 5.5); kept stripped, the value is
            // the one sent and echoed back, so redaction finds it.
            if (checked.put(valid, value.strip()) != null) {
                throw new InvalidValueException("header " + valid + " is given more than once"
                        + " (header names ignore case)");
            }
        });
        headers = Collections.unmodifiableMap(checked);
    }

    /**
     * Parses a URL; the server gets no extra headers.
     *
     * @throws InvalidValueException if it is not a valid absolute http(s) URL
     */
    public static HttpTransport of(String url) {
        return of(url, Map.of());
    }

    /**
     * Parses a URL; the server gets {@code headers}.
     *
     * @throws InvalidValueException if it is not a valid absolute http(s) URL, or a header is invalid
     */
    public static HttpTransport of(String url, Map<String, String> headers) {
        Objects.requireNonNull(url, "url is required but was missing");
        try {
            return new HttpTransport(new URI(url.strip()), headers);
        } catch (URISyntaxException e) {
            throw new InvalidValueException("server url " + maskedRaw(url.strip()) + " is not a valid URL ("
                    + e.getReason() + " at index " + e.getIndex() + "); write it as http://HOST[:PORT]/PATH");
        }
    }

    /** Same server, with {@code value} sent as header {@code name} too. */
    public HttpTransport withHeader(String name, String value) {
        var more = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        more.putAll(headers);
        more.put(headerName(name), value);
        return new HttpTransport(url, more);
    }

    /**
     * Checks an HTTP header name.
     *
     * @return {@code name}
     * @throws InvalidValueException if it is not an RFC 9110 token
     */
    public static String headerName(String name) {
        if (name == null || !HEADER_NAME.matcher(name).matches()) {
            throw new InvalidValueException("header name \"" + (name == null ? "" : shownHeaderName(name))
                    + "\" is not valid; use letters, digits and -, e.g. X-Api-Key");
        }
        return name;
    }

    /** Whether header {@code name} carries a secret, judged by its name. */
    public static boolean isSecretHeader(String name) {
        return Secrets.isSecretName(name) || name.equalsIgnoreCase("proxy-authorization");
    }

    /** The URL's credentials and tokens and the secret header values. */
    public Secrets secrets() {
        var values = new ArrayList<String>();
        var userInfo = url.getRawUserInfo();
        if (userInfo != null) {
            values.add(userInfo);
            values.add(decoded(userInfo));
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                values.add(userInfo.substring(colon + 1));
                values.add(decoded(userInfo.substring(colon + 1)));
            }
        }
        queryParameters(url.getRawQuery()).forEach((name, value) -> {
            if (Secrets.isSecretName(name)) {
                values.add(value);
                values.add(decoded(value));
            }
        });
        headers.forEach((name, value) -> {
            if (isSecretHeader(name)) {
                values.add(value);
                // "Bearer abc…": the token alone may be echoed too.
                int space = value.indexOf(' ');
                if (space > 0) {
                    values.add(value.substring(space + 1).strip());
                }
            }
        });
        return Secrets.of(values);
    }

    /** The URL as it may be shown: user info and secret query values replaced by {@code ****}. */
    public String maskedUrl() {
        return masked(url);
    }

    @Override
    public String toString() {
        return "HttpTransport[url=" + masked(url) + ", headers=" + headers.keySet() + "]";
    }

    private static String masked(URI url) {
        var shown = new StringBuilder();
        if (url.getScheme() != null) {
            shown.append(url.getScheme()).append(':');
        }
        if (url.getRawAuthority() != null) {
            shown.append("//");
            if (url.getHost() == null) {
                // Not a server authority (e.g. "user:p@ss@h"): whatever precedes the last '@' may be a password.
                var authority = url.getRawAuthority();
                int at = authority.lastIndexOf('@');
                shown.append(at >= 0 ? ApiKey.MASK + authority.substring(at) : authority);
            } else {
                if (url.getRawUserInfo() != null) {
                    shown.append(ApiKey.MASK).append('@');
                }
                shown.append(url.getHost());
                if (url.getPort() >= 0) {
                    shown.append(':').append(url.getPort());
                }
            }
        } else if (url.getRawSchemeSpecificPart() != null && url.getRawPath() == null) {
            return (url.getScheme() == null ? "" : url.getScheme() + ":") + ApiKey.MASK;
        }
        if (url.getRawPath() != null) {
            shown.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            shown.append('?').append(maskedQuery(url.getRawQuery()));
        }
        if (url.getRawFragment() != null) {
            shown.append('#').append(url.getRawFragment());
        }
        return shown.toString();
    }

    /** A URL that did not parse, as it may be shown: what looks like credentials masked. */
    // A whole header line given as the name ("X-Api-Key: value", "Authorization=Bearer …") holds its
    // value: only the part before the separator is shown.
    private static String shownHeaderName(String name) {
        int colon = name.indexOf(':');
        int equals = name.indexOf('=');
        int cut = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
        return cut < 0 ? maskedRaw(name) : maskedRaw(name.substring(0, cut)) + name.charAt(cut) + " " + ApiKey.MASK;
    }

    static String maskedRaw(String url) {
        var withoutUser = RAW_USER_INFO.matcher(url).replaceAll(ApiKey.MASK + "@");
        var query = RAW_QUERY.matcher(withoutUser);
        if (!query.find()) {
            return withoutUser;
        }
        return withoutUser.substring(0, query.start()) + "?" + maskedQuery(query.group().substring(1))
                + withoutUser.substring(query.end());
    }

    private static String maskedQuery(String rawQuery) {
        var parts = new ArrayList<String>();
        for (var pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            var name = eq < 0 ? pair : pair.substring(0, eq);
            parts.add(eq >= 0 && Secrets.isSecretName(name) ? name + "=" + ApiKey.MASK : pair);
        }
        return String.join("&", parts);
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        var parameters = new TreeMap<String, String>();
        if (rawQuery == null) {
            return parameters;
        }
        for (var pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(decoded(pair.substring(0, eq)), pair.substring(eq + 1));
            }
        }
        return parameters;
    }

    // A URI holds no malformed %-escape (parsing refuses one, the other constructors quote '%'),
    // so decoding its raw parts cannot fail.
    private static String decoded(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
