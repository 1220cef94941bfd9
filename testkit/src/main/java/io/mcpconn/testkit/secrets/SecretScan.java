package io.mcpconn.testkit.secrets;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Collects text from named sources (log lines, events, exceptions, command output, database rows,
 * files, …) and searches all of it for known secrets in every encoding they might leak in: raw,
 * lower and upper case, URL-encoded, base64 (standard and URL-safe, padded, unpadded, and at each
 * of the three byte alignments, so that a secret inside a longer base64 text such as an HTTP Basic
 * header is found), hex, JSON-escaped (and fully {@code \}{@code uXXXX}-escaped), after
 * {@code Bearer }, and finally ignoring case.
 *
 * <p>A source is a name and text; more text under the same name is appended. Any new kind of
 * output (an outbox table, a new command) becomes one more {@link #add} call. A finding names the
 * source, the secret, the encoding, the line and the text around it, with every secret masked, so
 * that a failing test does not print what it guards.
 */
public final class SecretScan {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CONTEXT = 60;

    /** One place a secret was found. */
    public record Finding(String source, String secret, String encoding, int line, String context) {
        @Override
        public String toString() {
            return "source '" + source + "', line " + line + ": secret " + secret + " as " + encoding + ": …" + context + "…";
        }
    }

    /** One encoded form of one secret. */
    private record Form(String secret, String encoding, String text, boolean ignoreCase) {
    }

    private final Map<String, String> secrets;
    private final List<Form> forms;
    private final Map<String, StringBuilder> sources = new LinkedHashMap<>();

    private SecretScan(Map<String, String> secrets) {
        this.secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        var all = new ArrayList<Form>();
        this.secrets.forEach((name, value) -> all.addAll(forms(name, value)));
        this.forms = List.copyOf(all);
    }

    /** A scan for {@code secrets}, by name (e.g. {@code "api key"}); every value must be at least 16 characters. */
    public static SecretScan of(Map<String, String> secrets) {
        Objects.requireNonNull(secrets, "secrets");
        secrets.forEach((name, value) -> {
            if (value == null || value.length() < 16) {
                throw new IllegalArgumentException("secret " + name + " must be at least 16 characters,"
                        + " so that it cannot match by accident");
            }
        });
        return new SecretScan(secrets);
    }

    /**
     * A random secret: {@code prefix}, 32 random letters and digits, then {@code extra} (characters
     * that make encodings differ from the raw text, e.g. {@code "/+="}), then 8 more random characters.
     */
    public static String newSecret(String prefix, String extra) {
        var out = new StringBuilder(prefix);
        for (int i = 0; i < 40; i++) {
            if (i == 32) {
                out.append(extra);
            }
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** The secrets searched for, by name. */
    public Map<String, String> secrets() {
        return secrets;
    }

    /** Appends {@code text} (and a line break) to source {@code source}. */
    public synchronized SecretScan add(String source, String text) {
        Objects.requireNonNull(source, "source");
        var buffer = sources.computeIfAbsent(source, name -> new StringBuilder());
        buffer.append(text == null ? "null" : text);
        if (buffer.length() > 0 && buffer.charAt(buffer.length() - 1) != '\n') {
            buffer.append('\n');
        }
        return this;
    }

    /**
     * Appends everything an object shows of itself: its {@code toString}, and for a record each
     * component's {@code toString} (one level deep, as a log line printing a field would).
     */
    public SecretScan addObject(String source, Object value) {
        var text = new StringBuilder(String.valueOf(value));
        if (value != null && value.getClass().isRecord()) {
            for (var component : value.getClass().getRecordComponents()) {
                try {
                    var accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    text.append("\n  ").append(component.getName()).append('=').append(accessor.invoke(value));
                } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                    text.append("\n  ").append(component.getName()).append("=<unreadable: ").append(e).append('>');
                }
            }
        }
        return add(source, text.toString());
    }

    /** Appends a throwable's message, {@code toString}, every cause's and suppressed one's, and its stack trace. */
    public SecretScan addThrowable(String source, Throwable failure) {
        var text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            text.append("message: ").append(t.getMessage()).append('\n');
            text.append("localized: ").append(t.getLocalizedMessage()).append('\n');
            text.append("toString: ").append(t).append('\n');
            for (var suppressed : t.getSuppressed()) {
                text.append("suppressed: ").append(suppressed).append('\n');
            }
        }
        var trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        text.append(trace);
        return add(source, text.toString());
    }

    /** How many sources have text. */
    public synchronized int sourceCount() {
        return sources.size();
    }

    /** The names of the sources, in the order they were first given. */
    public synchronized List<String> sourceNames() {
        return List.copyOf(sources.keySet());
    }

    /** How many kinds of encoding each secret is searched in. */
    public int encodingCount() {
        return (int) forms.stream().map(Form::encoding).distinct().count();
    }

    /** Every place any secret appears in any source. */
    public synchronized List<Finding> findings() {
        var found = new ArrayList<Finding>();
        sources.forEach((source, buffer) -> found.addAll(findingsIn(source, buffer.toString())));
        return found;
    }

    /** The findings in {@code text} alone, as if it were source {@code source}. */
    public List<Finding> findingsIn(String source, String text) {
        var found = new ArrayList<Finding>();
        var lower = text.toLowerCase(Locale.ROOT);
        // Spans already reported, per secret: one occurrence is reported once, in its most specific encoding.
        var reported = new LinkedHashMap<String, List<int[]>>();
        for (var form : forms) {
            var haystack = form.ignoreCase() ? lower : text;
            var needle = form.ignoreCase() ? form.text().toLowerCase(Locale.ROOT) : form.text();
            var spans = reported.computeIfAbsent(form.secret(), name -> new ArrayList<>());
            for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
                int start = at;
                int end = at + needle.length();
                if (spans.stream().anyMatch(span -> span[0] <= start && end <= span[1])) {
                    continue;
                }
                spans.add(new int[] {start, end});
                found.add(new Finding(source, form.secret(), form.encoding(), lineOf(text, start),
                        maskedContext(text, start, end)));
            }
        }
        return found;
    }

    /**
     * The figures of a scan: {@code secrets sources=N lines=M bytes=B secrets=S encodings=K found=F}.
     */
    public synchronized String figures() {
        long lines = 0;
        long bytes = 0;
        for (var buffer : sources.values()) {
            var text = buffer.toString();
            lines += text.chars().filter(c -> c == '\n').count();
            bytes += text.getBytes(StandardCharsets.UTF_8).length;
        }
        return "secrets sources=" + sources.size() + " lines=" + lines + " bytes=" + bytes + " secrets="
                + secrets.size() + " encodings=" + encodingCount() + " found=" + findings().size();
    }

    /**
     * Throws if any secret was found: the message lists (up to 30) findings, each with its source,
     * encoding and masked context.
     */
    public void assertClean() {
        var found = findings();
        if (found.isEmpty()) {
            return;
        }
        var message = new StringBuilder(found.size() + " secret finding(s) [" + figures() + "]:");
        found.stream().limit(30).forEach(finding -> message.append("\n  ").append(finding));
        throw new AssertionError(message.toString());
    }

    /** {@code text} with every form of every secret replaced by {@code «name/encoding»}. */
    public String mask(String text) {
        var out = text;
        for (var form : forms) {
            var placeholder = "«" + form.secret() + "/" + form.encoding() + "»";
            if (form.ignoreCase()) {
                var lower = out.toLowerCase(Locale.ROOT);
                var needle = form.text().toLowerCase(Locale.ROOT);
                if (lower.length() != out.length()) {
                    continue;
                }
                var rebuilt = new StringBuilder();
                int from = 0;
                for (int at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
                    rebuilt.append(out, from, at).append(placeholder);
                    from = at + needle.length();
                }
                out = rebuilt.append(out.substring(from)).toString();
            } else {
                out = out.replace(form.text(), placeholder);
            }
        }
        return out;
    }

    private String maskedContext(String text, int start, int end) {
        // Masked over a wider window first, so that no secret is cut in half by the excerpt's edges.
        int wideStart = Math.max(0, start - CONTEXT - 200);
        int wideEnd = Math.min(text.length(), end + CONTEXT + 200);
        var before = mask(text.substring(wideStart, start));
        var after = mask(text.substring(end, wideEnd));
        before = before.substring(Math.max(0, before.length() - CONTEXT));
        after = after.substring(0, Math.min(after.length(), CONTEXT));
        return (before + "[SECRET]" + after).replace("\n", "\\n").replace("\r", "\\r");
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    // Most specific first: an occurrence is reported under the first form that covers it.
    private static List<Form> forms(String name, String value) {
        var bytes = value.getBytes(StandardCharsets.UTF_8);
        var out = new ArrayList<Form>();
        out.add(new Form(name, "after 'Bearer '", "Bearer " + value, false));
        out.add(new Form(name, "raw", value, false));
        out.add(new Form(name, "lower case", value.toLowerCase(Locale.ROOT), false));
        out.add(new Form(name, "upper case", value.toUpperCase(Locale.ROOT), false));
        out.add(new Form(name, "URL-encoded (form)", URLEncoder.encode(value, StandardCharsets.UTF_8), false));
        out.add(new Form(name, "URL-encoded (RFC 3986)", percent(bytes, false), true));
        out.add(new Form(name, "URL-encoded (every byte)", percent(bytes, true), true));
        var encoders = new LinkedHashMap<String, Base64.Encoder>();
        encoders.put("base64", Base64.getEncoder());
        encoders.put("base64url", Base64.getUrlEncoder());
        encoders.forEach((kind, encoder) -> {
            out.add(new Form(name, kind + " padded", encoder.encodeToString(bytes), false));
            out.add(new Form(name, kind + " unpadded", encoder.withoutPadding().encodeToString(bytes), false));
            for (int shift = 0; shift < 3; shift++) {
                out.add(new Form(name, kind + " at byte offset " + shift, base64Core(encoder, bytes, shift), false));
            }
        });
        out.add(new Form(name, "hex", hex(bytes), true));
        out.add(new Form(name, "JSON-escaped", json(value, false), false));
        out.add(new Form(name, "JSON-escaped (\\/)", json(value, true), false));
        out.add(new Form(name, "JSON \\uXXXX-escaped", unicodeEscaped(value), true));
        out.add(new Form(name, "ignoring case", value, true));
        return out;
    }

    /**
     * The characters of the base64 encoding of {@code shift} unknown bytes followed by the secret
     * that depend on the secret's bytes alone: what any base64 text holding the secret at that
     * alignment contains.
     */
    private static String base64Core(Base64.Encoder encoder, byte[] secret, int shift) {
        var shifted = new byte[shift + secret.length];
        System.arraycopy(secret, 0, shifted, shift, secret.length);
        var encoded = encoder.withoutPadding().encodeToString(shifted);
        int start = (8 * shift + 5) / 6;
        int end = 8 * (shift + secret.length) / 6;
        return encoded.substring(start, end);
    }

    private static String percent(byte[] bytes, boolean everyByte) {
        var out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            boolean unreserved = c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~');
            if (unreserved && !everyByte) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    private static String hex(byte[] bytes) {
        var out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format(Locale.ROOT, "%02x", b & 0xff));
        }
        return out.toString();
    }

    private static String json(String value, boolean escapeSlash) {
        var out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append(escapeSlash ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String unicodeEscaped(String value) {
        var out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) value.charAt(i)));
        }
        return out.toString();
    }
}
