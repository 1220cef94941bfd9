package io.mcpconn.infrastructure.sqlite.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The permissions of a copy of a database: the database's own, or stricter. A copy holds the same
 * rows, api keys included when a deployment stores them in plaintext, so a backup of a 0600
 * database that anyone may read would leak what the database keeps to its owner.
 *
 * <p>A copy is created readable and writable by its owner only, so that neither the copy nor the
 * journal SQLite makes beside it (which takes the mode of the file it journals) is ever open to
 * more people than the database, not even while it is written; {@link #matchDatabase} then gives
 * the finished copy the database's mode without execute bits. The group bits are kept only when
 * the copy's group is the database's, or can be made so: the same bits for another group would
 * let other people in.
 */
final class CopyPermissions {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> GROUP = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE);
    private static final Set<PosixFilePermission> EXECUTE = EnumSet.of(PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private CopyPermissions() {
    }

    /** What a new copy is created with: its owner alone may read and write it, where POSIX modes exist. */
    static FileAttribute<?>[] whileWriting(Path directory) {
        if (Files.getFileAttributeView(directory, PosixFileAttributeView.class) == null) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    }

    /**
     * Gives a finished copy the database's mode (without execute bits), or a stricter one.
     *
     * @throws IOException if the mode cannot be set; the copy is then not to be published
     */
    static void matchDatabase(Path copy, Path database) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(copy, PosixFileAttributeView.class);
        Optional<PosixFileAttributes> original = attributes(database);
        if (view == null || original.isEmpty()) {
            return;
        }
        Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
        mode.addAll(original.get().permissions());
        mode.removeAll(EXECUTE);
        if (mode.stream().anyMatch(GROUP::contains) && !sameGroup(view, original.get().group())) {
            mode.removeAll(GROUP);
        }
        view.setPermissions(mode);
    }

    /** Whether the copy's group is the database's, after trying to make it so. */
    private static boolean sameGroup(PosixFileAttributeView copy, GroupPrincipal group) {
        try {
            if (copy.readAttributes().group().equals(group)) {
                return true;
            }
            copy.setGroup(group);
            return copy.readAttributes().group().equals(group);
        } catch (IOException | SecurityException e) {
            // Only members of the group (or root) may hand a file to it; then the group gets nothing.
            return false;
        }
    }

    private static Optional<PosixFileAttributes> attributes(Path database) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(database, PosixFileAttributeView.class);
            return view == null ? Optional.empty() : Optional.of(view.readAttributes());
        } catch (IOException e) {
            // A database that vanished meanwhile leaves the copy owner-only, the strictest there is.
            return Optional.empty();
        }
    }
}
