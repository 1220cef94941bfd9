package io.mcpconn.infrastructure.jdbc.secrets;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file of secret keys, one base64 key per line, the first sealing: owner-only, like an ssh
 * private key, and refused when others may read it. It is written whole to a temporary file beside
 * it, synced, and renamed over the old one, so that a crash leaves either ring, never half of one.
 */
public final class KeyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private KeyFile() {
    }

    /** The key file used when none is configured: {@code <database>.key}, beside it. */
    public static Path besides(Path databaseFile) {
        var absolute = databaseFile.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".key");
    }

    /**
     * Reads the keys of {@code file}.
     *
     * @throws SecretsConfigurationException if it cannot be read, others may read it, or it holds no valid key
     */
    public static SecretKeyRing read(Path file) {
        requireOwnerOnly(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SecretsConfigurationException("cannot read the key file " + file + " (" + e.getMessage() + ")",
                    "check that it exists and that this user may read it", e);
        }
        try {
            return SecretKeyRing.parse(text, "the key file " + file);
        } catch (IllegalArgumentException e) {
            throw new SecretsConfigurationException(e.getMessage(), "restore the key file from its backup; a key"
                    + " file holds one base64 key of 32 bytes per line", e);
        }
    }

    /**
     * Creates {@code file}, owner-only, holding one new random key.
     *
     * @throws SecretsConfigurationException if it exists already or cannot be written
     */
    public static SecretKeyRing create(Path file) {
        var ring = SecretKeyRing.of(SecretKey.generate(Entropy.SECURE));
        try {
            write(file, ring, true);
        } catch (FileAlreadyExistsException e) {
            throw new SecretsConfigurationException("the key file " + file + " exists already",
                    "use it, or move it away if it belongs to another database", e);
        }
        return ring;
    }

    /**
     * Writes {@code ring} to {@code file} in place of what it held, atomically.
     *
     * @throws SecretsConfigurationException if it cannot be written
     */
    public static void replace(Path file, SecretKeyRing ring) {
        try {
            write(file, ring, false);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("a replaced key file is renamed over, never created anew", e);
        }
    }

    /** A key to add to a ring. */
    public static SecretKey newKey() {
        return SecretKey.generate(Entropy.SECURE);
    }

    private static void write(Path file, SecretKeyRing ring, boolean createNew) throws FileAlreadyExistsException {
        var target = file.toAbsolutePath().normalize();
        var text = new StringBuilder("# mcpconn secret keys: the first line seals, every line opens what it sealed.\n"
                + "# Keep this file private (owner-only) and back it up apart from the database: without it the\n"
                + "# sealed api keys, URL passwords and environment values in the database cannot be read.\n");
        ring.keys().forEach(key -> text.append(key.toBase64()).append('\n'));
        var temporary = target.resolveSibling(target.getFileName() + ".incomplete");
        try {
            if (createNew && Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.deleteIfExists(temporary);
            try (var channel = FileChannel.open(temporary, EnumSet.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), ownerOnly(target))) {
                channel.write(StandardCharsets.UTF_8.encode(text.toString()));
                channel.force(true);
            }
            if (createNew) {
                // A link fails if the name was taken meanwhile, which a rename would silently replace.
                Files.createLink(target, temporary);
                Files.delete(temporary);
            } else {
                move(temporary, target);
            }
            syncDirectory(target.getParent());
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(temporary);
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            deleteQuietly(temporary);
            throw new SecretsConfigurationException("cannot write the key file " + target + " (" + e + ")",
                    "make " + target.getParent() + " writable for this user, or configure the key elsewhere"
                            + " (MCPCONN_SECRET_KEY_FILE, MCPCONN_SECRET_KEY)", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path target) {
        return Files.getFileAttributeView(target.getParent(), PosixFileAttributeView.class) == null
                ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    }

    private static void requireOwnerOnly(Path file) {
        var view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null || !Files.exists(file)) {
            return;
        }
        try {
            var permissions = view.readAttributes().permissions();
            var others = EnumSet.copyOf(permissions);
            others.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
            if (!others.isEmpty()) {
                throw new SecretsConfigurationException("the key file " + file + " may be read or written by others"
                        + " (" + PosixFilePermissions.toString(permissions) + ")", "make it owner-only: chmod 600 "
                        + file);
            }
        } catch (IOException e) {
            throw new SecretsConfigurationException("cannot read the permissions of the key file " + file + " ("
                    + e.getMessage() + ")", "check that this user may read it", e);
        }
    }

    private static void syncDirectory(Path directory) {
        // Makes the rename itself durable; not every platform can open a directory to sync it.
        try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // The file's own content is synced; on such platforms the rename is as durable as it gets.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover temporary file holds keys the real file holds too, and is owner-only.
        }
    }

    /** Made when a key is first drawn: a process that only reads a key never sets up the JDK's providers. */
    private static final class Entropy {
        static final SecureRandom SECURE = new SecureRandom();
    }
}
