package io.mcpconn.domain.shared;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Constructor checks shared by the value objects, so that every rule is worded the same way in
 * every message.
 */
public final class Checks {

    private Checks() {
    }

    /** Rejects {@code null} with a message naming the missing value. */
    public static <T> T present(T value, String what) {
        return Objects.requireNonNull(value, () -> what + " is required but was missing");
    }

    /**
     * Requires text that is well-formed, not blank, at most {@code maxLength} characters long and
     * free of control characters; returns it unchanged.
     */
    public static String text(String value, String what, int maxLength) {
        wellFormed(value, what);
        if (value.isBlank()) {
            throw new InvalidValueException(what + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidValueException(what + " must be at most " + maxLength
                    + " characters, but has " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidValueException(what + " must not contain control characters");
            }
        }
        return value;
    }

    /**
     * Requires well-formed Unicode: no surrogate code unit without its partner. Storage encodes
     * text as UTF-8, which has no form for a lone surrogate, so drivers store a replacement
     * character instead; two different identifiers would then become one stored value, and one
     * tenant could read another's rows. Returns the text unchanged.
     */
    public static String wellFormed(String value, String what) {
        return wellFormed(value, () -> what);
    }

    /**
     * As {@link #wellFormed(String, String)}, naming the value only when it is refused: for checks
     * that run on every read, where building the name would cost more than the check.
     */
    public static String wellFormed(String value, Supplier<String> what) {
        Objects.requireNonNull(value, () -> what.get() + " is required but was missing");
        for (int i = 0; i < value.length(); i++) {
            char unit = value.charAt(i);
            if (Character.isHighSurrogate(unit) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(unit)) {
                throw new InvalidValueException(what.get() + " must be well-formed Unicode text, but has an unpaired surrogate"
                        + String.format(java.util.Locale.ROOT, " (\\u%04X) at position %d", (int) unit, i));
            }
        }
        return value;
    }
}
