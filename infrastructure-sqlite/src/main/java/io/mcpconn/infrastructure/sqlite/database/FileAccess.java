package io.mcpconn.infrastructure.sqlite.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Why this user may not read or write a path, in terms of what is really in the way: a read-only
 * file system, a mode that keeps out even the owner, or an owner who is somebody else. A fix that
 * says {@code chmod 644} for a file that is 644 already but belongs to another user helps nobody.
 *
 * @param reason what is in the way, as a clause
 * @param fix what the user can do about it
 */
record FileAccess(String reason, String fix) {

    private static final int TYPE_MASK = 0170000;

    /** Why this user may not write {@code path} (a file, or the directory a database lives in). */
    static FileAccess cannotWrite(Path path, String what) {
        String me = currentUser();
        if (onReadOnlyFileSystem(path)) {
            return new FileAccess(what + " " + path + " is on a read-only file system",
                    "remount that file system read-write, or keep the database on one that is");
        }
        Optional<PosixFileAttributes> attributes = attributes(path);
        if (attributes.isEmpty()) {
            return new FileAccess("this user (" + me + ") may not write " + what + " " + path,
                    "give " + me + " write access to " + path + ", or keep the database where " + me + " may write");
        }
        String owner = attributes.get().owner().getName();
        String mode = octal(attributes.get().permissions());
        if (owner.equals(me)) {
            return new FileAccess(what + " " + path + " has mode " + mode + ", which does not let even its owner ("
                    + me + ") write it", "chmod u+w " + path);
        }
        String group = attributes.get().group().getName();
        return new FileAccess(what + " " + path + " belongs to " + owner + " (group " + group + ", mode " + mode
                + "), and this user (" + me + ") may not write it",
                (what.equals("the directory") ? "keep the database in a directory " + me + " may write, or " : "")
                        + "run as " + owner + ", or have " + granter(owner) + " let " + me + " write it: chown " + me
                        + " " + path + " (or chgrp GROUP " + path + " && chmod g+w " + path + ", GROUP being one of "
                        + me + "'s)");
    }

    /** Why this user may not read {@code file}. */
    static FileAccess cannotRead(Path file) {
        String me = currentUser();
        Optional<PosixFileAttributes> attributes = attributes(file);
        if (attributes.isEmpty()) {
            return new FileAccess("this user (" + me + ") may not read it", "give " + me + " read access to " + file);
        }
        String owner = attributes.get().owner().getName();
        String mode = octal(attributes.get().permissions());
        if (owner.equals(me)) {
            return new FileAccess("its mode is " + mode + ", which does not let even its owner (" + me + ") read it",
                    "chmod u+r " + file);
        }
        return new FileAccess("it belongs to " + owner + " (group " + attributes.get().group().getName() + ", mode "
                + mode + "), and this user (" + me + ") may not read it",
                "run as " + owner + ", or have " + granter(owner) + " let " + me + " read it: chgrp GROUP " + file
                        + " && chmod g+r " + file + ", GROUP being one of " + me + "'s");
    }

    private static String granter(String owner) {
        return owner.equals("root") ? "root" : owner + " or root";
    }

    /** What kind of file a path that is neither a regular file nor a directory is, e.g. "a character device". */
    static String specialKind(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            switch (mode & TYPE_MASK) {
                case 0020000:
                    return "a character device";
                case 0060000:
                    return "a block device";
                case 0010000:
                    return "a named pipe";
                case 0140000:
                    return "a socket";
                default:
                    return "a special file";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }

    /** Whether the path exists and is neither a regular file nor a directory (a device, a pipe, a socket). */
    static boolean isSpecial(Path path) {
        return Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path);
    }

    static String currentUser() {
        return System.getProperty("user.name", "this user");
    }

    private static boolean onReadOnlyFileSystem(Path path) {
        try {
            return Files.getFileStore(path).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<PosixFileAttributes> attributes(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, PosixFileAttributes.class));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format(Locale.ROOT, "%03o", mode);
    }
}
