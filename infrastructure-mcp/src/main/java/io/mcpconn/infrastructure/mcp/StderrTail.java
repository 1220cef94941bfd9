package io.mcpconn.infrastructure.mcp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last lines a stdio server wrote to its standard error: what a user needs to see when a
 * server exits at once ("command not found", a missing module, a bad flag). Kept bounded, logged
 * at debug level, and redacted both ways, since servers print their configuration.
 */
final class StderrTail {

    private static final Logger log = LoggerFactory.getLogger(StderrTail.class);
    private static final int MAX_LINES = 10;
    private static final int MAX_LINE_LENGTH = 300;

    private final Deque<String> lines = new ArrayDeque<>();
    private final UnaryOperator<String> redact;
    private final String server;

    StderrTail(UnaryOperator<String> redact, String server) {
        this.redact = redact;
        this.server = server;
    }

    void accept(String line) {
        var shown = redact.apply(line.length() <= MAX_LINE_LENGTH ? line : line.substring(0, MAX_LINE_LENGTH) + "...");
        log.debug("{} wrote to stderr: {}", server, shown);
        synchronized (lines) {
            if (lines.size() == MAX_LINES) {
                lines.removeFirst();
            }
            lines.addLast(shown);
        }
    }

    /** {@code text} without the configuration's secrets. */
    String redact(String text) {
        return redact.apply(text);
    }

    /** The lines, joined with " | ", or empty. */
    String text() {
        synchronized (lines) {
            return String.join(" | ", lines);
        }
    }

    /** " Its last output on stderr: …" or nothing, to append to a message. */
    String suffix() {
        var text = text();
        return text.isEmpty() ? " It wrote nothing to stderr." : " Its last output on stderr: " + text;
    }
}
