package io.mcpconn.domain.shared;

import java.util.Objects;

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
     * Requires text that is not blank, at most {@code maxLength} characters long and free of
     * control characters; returns it unchanged.
     */
    public static String text(String value, String what, int maxLength) {
        present(value, what);
        if (value.isBlank()) {
            throw new InvalidValueException(what + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidValueException(what + " must be at most " + maxLength
                    + " characters, but has " + value.length());
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(what + " must not contain control characters");
        }
        return value;
    }
}
