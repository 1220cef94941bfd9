package io.mcpconn.domain.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The secret values one configuration holds (api key, secret header values, URL credentials and
 * tokens, stdio environment values and secret arguments), able to remove them from any text.
 *
 * <p>Servers and transports echo requests back in their errors, and not always verbatim: a key
 * comes back URL-encoded in a query string, JSON-escaped inside a JSON-RPC error, or base64-encoded
 * in a Basic authorization header. {@link #redact(String)} masks each secret in every one of those
 * encodings, ignoring case so that {@code %2f} and {@code %2F} are both found.
 *
 * <p>Values shorter than {@value #MIN_FINDABLE_LENGTH} characters (an env value such as {@code 1})
 * cannot be told apart from ordinary text and are not searched for; they are still never printed,
 * since nothing prints a value this class holds. Not a record, so that {@code toString} cannot
 * print them.
 */
public final class Secrets {

    /** Shortest secret searched for in text. */
    public static final int MIN_FINDABLE_LENGTH = 4;

    /** No secrets: redaction returns text unchanged. */
    public static final Secrets NONE = new Secrets(Set.of());

    // Names of parameters, headers, flags and variables whose values are secrets.
    private static final Pattern SECRET_NAME = Pattern.compile(
            "token|secret|passw|pwd|key|auth|credential|cookie|session|signature|private", Pattern.CASE_INSENSITIVE);

    private final Set<String> values;
    private final Pattern pattern;

    private Secrets(Set<String> values) {
        this.values = values;
        this.pattern = compile(values);
    }

    /** The secrets among {@code values}; blanks and values too short to find are left out. */
    public static Secrets of(Collection<String> values) {
        Objects.requireNonNull(values, "values");
        var kept = new LinkedHashSet<String>();
        for (var value : values) {
            if (value != null && !value.isBlank() && value.length() >= MIN_FINDABLE_LENGTH) {
                kept.add(value);
            }
        }
        return kept.isEmpty() ? NONE : new Secrets(Set.copyOf(kept));
    }

    /** The secrets {@code values}. */
    public static Secrets of(String... values) {
        return of(List.of(values));
    }

    /** These secrets and {@code other}'s. */
    public Secrets and(Secrets other) {
        if (other.values.isEmpty()) {
            return this;
        }
        var all = new ArrayList<>(values);
        all.addAll(other.values);
        return of(all);
    }

    /**
     * Whether a parameter, header, flag or variable of this name carries a secret by its name
     * ({@code token}, {@code api_key}, {@code Authorization}, {@code --password}, …).
     */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).find();
    }

    /** Whether there is nothing to redact. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code text} with every secret, in each of its encodings, replaced by {@link ApiKey#MASK}. */
    public String redact(String text) {
        Objects.requireNonNull(text, "text");
        if (pattern == null) {
            return text;
        }
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(ApiKey.MASK));
    }

    /** Whether {@code text} holds any secret in any of its encodings. */
    public boolean appearsIn(String text) {
        return pattern != null && pattern.matcher(text).find();
    }

    @Override
    public String toString() {
        return "Secrets[" + values.size() + " masked]";
    }

    private static Pattern compile(Set<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        var variants = new LinkedHashSet<String>();
        for (var value : values) {
            variants.addAll(encodings(value));
        }
        // Longest first, so that an encoding containing another is masked whole.
        var alternatives = variants.stream().filter(v -> !v.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        return Pattern.compile(alternatives, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The forms in which {@code value} may come back from a server or a transport. */
    static Set<String> encodings(String value) {
        var forms = new LinkedHashSet<String>();
        forms.add(value);
        forms.add(percentEncoded(value, true));
        forms.add(percentEncoded(value, false));
        for (boolean slash : new boolean[] {false, true}) {
            for (boolean nonAscii : new boolean[] {false, true}) {
                forms.add(jsonEscaped(value, slash, nonAscii));
            }
        }
        var bytes = value.getBytes(StandardCharsets.UTF_8);
        for (var base64 : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            forms.add(base64.encodeToString(bytes));
            forms.add(base64.withoutPadding().encodeToString(bytes));
        }
        return forms;
    }

    // RFC 3986 encoding of everything but unreserved characters; with formSpaces, ' ' is '+'
    // (application/x-www-form-urlencoded), otherwise %20.
    private static String percentEncoded(String value, boolean formSpaces) {
        var out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else if (c == ' ' && formSpaces) {
                out.append('+');
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    // As JSON writers escape strings; some escape '/', some every non-ASCII character, some both.
    private static String jsonEscaped(String value, boolean escapeSlash, boolean escapeNonAscii) {
        var out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append(escapeSlash ? "\\/" : "/");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (escapeNonAscii && c > 0x7e)) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
