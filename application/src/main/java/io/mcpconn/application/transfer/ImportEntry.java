package io.mcpconn.application.transfer;

import io.mcpconn.domain.config.ConnectionConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * One server read from a configuration file: its name and either its configuration or what is
 * wrong with the entry (so that one bad entry is reported while the good ones still import).
 *
 * @param name    the server's name as the file gives it
 * @param config  its configuration, if the entry is valid
 * @param problem what is wrong with it, if not
 */
public record ImportEntry(String name, Optional<ConnectionConfig> config, Optional<String> problem) {

    public ImportEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(problem, "problem");
        if (config.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("an import entry has a configuration or a problem, exactly one");
        }
    }

    /** A valid entry. */
    public static ImportEntry valid(String name, ConnectionConfig config) {
        return new ImportEntry(name, Optional.of(config), Optional.empty());
    }

    /** An entry that cannot be imported, for {@code problem}. */
    public static ImportEntry invalid(String name, String problem) {
        return new ImportEntry(name, Optional.empty(), Optional.of(problem));
    }
}
