package io.mcpconn.domain.event;

import io.mcpconn.domain.shared.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/**
 * Identity of one stored event, given when the event is stored with the change that raised it and
 * kept across every redelivery, so that a listener can drop a duplicate.
 *
 * @param value a UUID
 */
public record EventId(UUID value) {

    public EventId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static EventId random() {
        return new EventId(UUID.randomUUID());
    }

    /**
     * The id written as {@code text}.
     *
     * @throws InvalidValueException if it is not a UUID
     */
    public static EventId parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            var parsed = UUID.fromString(text);
            if (!parsed.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException(text);
            }
            return new EventId(parsed);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("event id \"" + text + "\" is not a UUID (8-4-4-4-12 hexadecimal digits)");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
