package io.mcpconn.infrastructure.sqlite.durability;

import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.event.EventOutbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * A listener that appends {@code event <id> <sequence> <connection>} to a file for every event
 * handed to it, and the relay protocol around it: claim, hand over, mark delivered. The write
 * reaches the operating system before the event is marked, so a kill -9 between the two leaves an
 * event delivered but unmarked, which must be handed out again (a counted duplicate), never lost.
 */
final class DeliveredEvents {

    /** Short, so that the next process takes over a dead one's claims within the test. */
    static final Duration CLAIM = Duration.ofSeconds(1);

    private final Path file;

    DeliveredEvents(Path file) {
        this.file = file;
    }

    /** Delivers one claim's worth of due events; returns how many. */
    int deliverDue(EventOutbox outbox, InstanceId instance) {
        var claimed = outbox.claim(instance, Instant.now(), CLAIM, 50);
        for (var entry : claimed) {
            var event = entry.event();
            try {
                Files.writeString(file, "event " + event.id() + " " + event.sequence() + " "
                        + event.event().connectionId().value() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            outbox.delivered(event.id(), Instant.now());
        }
        return claimed.size();
    }
}
