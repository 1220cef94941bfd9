package io.mcpconn.testkit.attack;

import io.mcpconn.domain.connection.ConnectionId;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded generators for the attack suites: values that differ from real ones only in ways a careless
 * adapter could fold together (case, surrounding whitespace, Unicode normalisation, invisible
 * characters, lone surrogates), and random ids. Every suite takes its seed from the system property
 * {@value #SEED_PROPERTY} (default {@link #DEFAULT_SEED}) and names it in every failure, so that a
 * failing run is reproduced with {@code -Dmcpconn.attack.seed=<seed>}.
 */
public final class AttackValues {

    /** The system property that overrides the seed. */
    public static final String SEED_PROPERTY = "mcpconn.attack.seed";

    /** The seed used unless {@value #SEED_PROPERTY} gives another. */
    public static final long DEFAULT_SEED = 20261203L;

    private static final String[] INVISIBLE = {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"};
    private static final String[] SPACES = {" ", "\u00A0", "\u2003", "\u3000", "\t", "\n"};
    private static final String[] LONE = {"\uD800", "\uDBFF", "\uDC00", "\uDFFF"};

    private final long seed;
    private final Random random;

    private AttackValues(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** Generators seeded from {@value #SEED_PROPERTY}, mixed with {@code salt} so that each suite draws its own values. */
    public static AttackValues seeded(String salt) {
        long base = Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
        return new AttackValues(base ^ salt.hashCode());
    }

    /** The seed these generators run on (the property's value mixed with the suite's salt). */
    public long seed() {
        return seed;
    }

    /** What to add to a failure message so that it can be reproduced. */
    public String reproduce() {
        return "(attack seed " + Long.getLong(SEED_PROPERTY, DEFAULT_SEED) + "; rerun with -D" + SEED_PROPERTY + "="
                + Long.getLong(SEED_PROPERTY, DEFAULT_SEED) + ")";
    }

    /** The random these generators draw from. */
    public Random random() {
        return random;
    }

    /** A uniformly chosen element of {@code values}. */
    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A random UUID id from this seed: long enough that no message holds it by chance. */
    public ConnectionId randomUuid() {
        return ConnectionId.of(new java.util.UUID(random.nextLong(), random.nextLong()).toString());
    }

    /** A random id: a UUID from this seed, or a short id of letters, digits and '-'. */
    public ConnectionId randomId() {
        if (random.nextBoolean()) {
            return ConnectionId.of(new java.util.UUID(random.nextLong(), random.nextLong()).toString());
        }
        var text = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
        int length = 1 + random.nextInt(36);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return ConnectionId.of(text.toString());
    }

    /**
     * {@code real} changed in one way that must never reach {@code real}'s rows: its case, a
     * leading or trailing space, its normalisation form, an invisible character, or a lone
     * surrogate; never {@code real} itself.
     */
    public String variant(String real) {
        for (int tries = 0; tries < 20; tries++) {
            var candidate = oneVariant(real);
            if (!candidate.equals(real)) {
                return candidate;
            }
        }
        return real + "\u200B";
    }

    /** Every kind of variant {@link #variant} draws from, for one value, for reports and exhaustive checks. */
    public static List<String> kinds() {
        return List.of("upper", "lower", "swapcase", "leading-space", "trailing-space", "nfd", "nfc", "nfkc",
                "zero-width", "lone-surrogate", "truncated", "extended");
    }

    private String oneVariant(String real) {
        var kind = pick(kinds());
        return switch (kind) {
            case "upper" -> real.toUpperCase(Locale.ROOT);
            case "lower" -> real.toLowerCase(Locale.ROOT);
            case "swapcase" -> swapCase(real);
            case "leading-space" -> pick(List.of(SPACES)) + real;
            case "trailing-space" -> real + pick(List.of(SPACES));
            case "nfd" -> Normalizer.normalize(real, Normalizer.Form.NFD);
            case "nfc" -> Normalizer.normalize(real, Normalizer.Form.NFC);
            case "nfkc" -> Normalizer.normalize(real, Normalizer.Form.NFKC);
            case "zero-width" -> insert(real, pick(List.of(INVISIBLE)));
            case "lone-surrogate" -> insert(real, pick(List.of(LONE)));
            case "truncated" -> real.length() > 1 ? real.substring(0, real.offsetByCodePoints(0, real.codePointCount(0,
                    real.length()) - 1)) : real + "x";
            default -> real + pick(List.of("%", "_", "*", "'", "\\", "?"));
        };
    }

    private String insert(String text, String what) {
        int at = random.nextInt(text.length() + 1);
        // Never between the halves of a surrogate pair: that would make a different lone surrogate.
        if (at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
            at++;
        }
        return text.substring(0, at) + what + text.substring(at);
    }

    private String swapCase(String text) {
        var out = new StringBuilder();
        text.codePoints().forEach(cp -> out.appendCodePoint(Character.isUpperCase(cp) ? Character.toLowerCase(cp)
                : Character.isLowerCase(cp) ? Character.toUpperCase(cp) : cp));
        return out.toString();
    }

    /** {@code text} with every character outside printable ASCII as {@code \\u{…}}, for messages. */
    public static String escaped(String text) {
        var out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format(Locale.ROOT, "\\u%04X", (int) c));
        }
        return out.toString();
    }

    /** {@code count} distinct values from {@code generator}. */
    public static <T> List<T> distinct(int count, java.util.function.Supplier<T> generator) {
        var values = new java.util.LinkedHashSet<T>();
        while (values.size() < count) {
            values.add(generator.get());
        }
        return new ArrayList<>(values);
    }
}
