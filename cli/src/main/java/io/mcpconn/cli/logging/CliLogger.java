package io.mcpconn.cli.logging;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One library logger in the command line: a message at or above its threshold is one line on
 * standard error, {@code mcpconn: warning (org.jooq.Foo): message: cause}, and its stack trace
 * follows only in debug mode. Everything the user needs to act on is in the command's own error;
 * a stack trace is for whoever debugs mcpconn itself.
 */
final class CliLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final Level threshold;
    private final boolean debug;
    private final transient Supplier<PrintStream> err;

    /**
     * @param name the logger's name, usually its class
     * @param threshold the least severe level printed; {@code null} for none at all
     * @param debug whether stack traces are printed too
     * @param err where lines go, looked up at each call so that a redirected {@code System.err} is honoured
     */
    CliLogger(String name, Level threshold, boolean debug, Supplier<PrintStream> err) {
        this.name = Objects.requireNonNull(name, "name");
        this.threshold = threshold;
        this.debug = debug;
        this.err = Objects.requireNonNull(err, "err");
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    private boolean enabled(Level level) {
        // SLF4J numbers levels from ERROR (40) down to TRACE (0).
        return threshold != null && level.toInt() >= threshold.toInt();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        StringBuilder line = new StringBuilder("mcpconn: ").append(word(level)).append(" (").append(name)
                .append("): ").append(message);
        for (Throwable cause = throwable; cause != null && !debug; cause = cause.getCause()) {
            line.append(": ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                line.append(' ').append(cause.getMessage().lines().findFirst().orElse(""));
            }
        }
        PrintStream stream = err.get();
        synchronized (stream) {
            stream.println(line);
            if (debug && throwable != null) {
                throwable.printStackTrace(stream);
            }
            stream.flush();
        }
    }

    private static String word(Level level) {
        return level == Level.WARN ? "warning" : level.name().toLowerCase(java.util.Locale.ROOT);
    }
}
