package io.mcpconn.infrastructure.sqlite.migration;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a copy is written before it is complete, and what is left when a process writing one was
 * killed. A copy is written as {@code <final>.<pid>.incomplete} beside its final name, so that an
 * interrupted one never looks like a backup; the pid tells a leftover of a dead process from a
 * copy another process is writing right now. The next backup, upgrade, downgrade or restore
 * removes the leftovers of dead processes, with the {@code -journal} SQLite left beside them.
 *
 * <p>Builds before this one wrote {@code VACUUM INTO} straight to the final name: a
 * {@code <db>.backup-YYYYmmdd_HHMMSS} with a {@code -journal} beside it is such a copy that never
 * finished, however big it is, and is removed as well.
 */
final class PartialCopies {

    static final String SUFFIX = ".incomplete";
    private static final String JOURNAL = "-journal";
    private static final long SELF = ProcessHandle.current().pid();
    private static final Pattern PARTIAL = Pattern.compile("(.+)\\.(\\d+)" + Pattern.quote(SUFFIX)
            + "(" + JOURNAL + ")?");
    private static final Pattern LEGACY_BACKUP = Pattern.compile("\\.backup-\\d{8}_\\d{6}(-\\d+)?");

    /** The partial copies this process is writing now; never anybody's leftovers. */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    private PartialCopies() {
    }

    /** Where the copy meant for {@code target} is written until it is complete. */
    static Path partialOf(Path target) {
        return target.resolveSibling(target.getFileName() + "." + SELF + SUFFIX);
    }

    /** Whether a name is one of a copy being written (or left half-written). */
    static boolean isPartial(Path file) {
        return PARTIAL.matcher(file.getFileName().toString()).matches();
    }

    /** Marks a partial copy as being written by this process, so that no cleanup here removes it. */
    static void writing(Path partial) {
        WRITING.add(partial.toAbsolutePath().normalize());
    }

    /** Removes a partial copy that will not be published, with its journal, and forgets it. */
    static void abandon(Path partial) {
        deleteQuietly(partial);
        deleteQuietly(journalOf(partial));
        done(partial);
    }

    /** Forgets a partial copy that was published or removed. */
    static void done(Path partial) {
        WRITING.remove(partial.toAbsolutePath().normalize());
    }

    static Path journalOf(Path file) {
        return file.resolveSibling(file.getFileName() + JOURNAL);
    }

    /**
     * Removes, from {@code directory}, what interrupted copies whose names start with
     * {@code prefix} left behind: partial copies of processes that no longer run, and final-named
     * backups of earlier builds that still have their {@code -journal}.
     *
     * @return the files removed
     */
    static synchronized List<Path> removeLeftovers(Path directory, String prefix) {
        // All are judged before any is removed: a legacy copy is told by its journal.
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, glob(prefix) + "*")) {
            for (Path entry : entries) {
                if (isLeftover(entry, prefix)) {
                    leftovers.add(entry);
                }
            }
        } catch (IOException e) {
            // A directory that cannot be listed keeps its leftovers; their names still say what they are.
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        for (Path leftover : leftovers) {
            if (deleteQuietly(leftover)) {
                removed.add(leftover);
            }
        }
        return removed;
    }

    private static boolean isLeftover(Path entry, String prefix) {
        String name = entry.getFileName().toString();
        Matcher partial = PARTIAL.matcher(name);
        if (partial.matches()) {
            Path copy = partial.group(3) == null ? entry : entry.resolveSibling(name.substring(0,
                    name.length() - JOURNAL.length()));
            if (WRITING.contains(copy.toAbsolutePath().normalize())) {
                return false;
            }
            long pid = Long.parseLong(partial.group(2));
            return pid == SELF || ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        }
        String rest = name.substring(prefix.length());
        if (rest.endsWith(JOURNAL)) {
            return LEGACY_BACKUP.matcher(rest.substring(0, rest.length() - JOURNAL.length())).matches();
        }
        return LEGACY_BACKUP.matcher(rest).matches() && Files.exists(journalOf(entry));
    }

    private static String glob(String prefix) {
        return prefix.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            // What cannot be removed stays under a name that says it is incomplete.
            return false;
        }
    }
}
