package io.mcpconn.cli.logging;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Binds SLF4J in the {@code mcpconn} command (found through {@code META-INF/services}): libraries
 * speak at WARN and above, one line each, never with a stack trace unless {@code MCPCONN_DEBUG=1}.
 *
 * <p>Flyway is silent unless debugging: it logs its own view of every failure (a failed
 * migration, a rollback it could not do because SQLite had already rolled back) right before it
 * throws, and the command words that failure once, with the fix. With {@code MCPCONN_DEBUG=1} its
 * errors appear too, with their stack traces.
 */
public final class CliLoggingProvider implements SLF4JServiceProvider {

    /** The environment variable that turns stack traces on. */
    public static final String DEBUG_VARIABLE = "MCPCONN_DEBUG";

    private ILoggerFactory loggers;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    /** Creates the provider; SLF4J calls {@link #initialize()} before using it. */
    public CliLoggingProvider() {
        // Everything is set up in initialize(), as SLF4J asks.
    }

    @Override
    public void initialize() {
        loggers = new Loggers("1".equals(System.getenv(DEBUG_VARIABLE)), () -> System.err);
        markers = new BasicMarkerFactory();
        mdc = new NOPMDCAdapter();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    /** One logger per name: Flyway's silent unless debugging (then at ERROR), every other at WARN. */
    static final class Loggers implements ILoggerFactory {

        private final boolean debug;
        private final Supplier<PrintStream> err;
        private final ConcurrentMap<String, Logger> byName = new ConcurrentHashMap<>();

        Loggers(boolean debug, Supplier<PrintStream> err) {
            this.debug = debug;
            this.err = err;
        }

        @Override
        public Logger getLogger(String name) {
            return byName.computeIfAbsent(name, key -> new CliLogger(key, threshold(key), debug, err));
        }

        private Level threshold(String name) {
            if (name.startsWith("org.flywaydb")) {
                return debug ? Level.ERROR : null;
            }
            return Level.WARN;
        }
    }
}
