package io.mcpconn.testkit.postgres;

import io.mcpconn.testkit.servers.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operating-system user a cluster's files and server belong to: this process's user, or
 * {@code postgres} when that is root, because initdb and postgres refuse to run as root.
 */
final class ClusterOwner {

    static final String POSTGRES = "postgres";

    private final List<String> prefix;
    private final Optional<UserPrincipal> principal;

    private ClusterOwner(List<String> prefix, Optional<UserPrincipal> principal) {
        this.prefix = prefix;
        this.principal = principal;
    }

    /** The owner for this process: itself, or {@code postgres} (through runuser) when it is root. */
    static ClusterOwner forThisProcess() {
        if (!root()) {
            return new ClusterOwner(List.of(), Optional.empty());
        }
        try {
            var postgres = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(POSTGRES);
            return new ClusterOwner(List.of(runuser(), "-u", POSTGRES, "--"), Optional.of(postgres));
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException("these tests run as root, and initdb refuses root, so the cluster runs as the"
                    + " operating-system user postgres, which does not exist here. Installing the server creates it: "
                    + PostgresBinaries.INSTALL, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not look up the user " + POSTGRES, e);
        }
    }

    /** {@code command} as the owner runs it. */
    List<String> command(List<String> command) {
        var full = new ArrayList<>(prefix);
        full.addAll(command);
        return full;
    }

    /**
     * A new empty directory for one cluster, owned by the owner. Under {@code /tmp}: the owner
     * must be able to reach it (not so under root's home), and the server's socket path must stay
     * under the 107 bytes a Unix socket address holds.
     */
    Path createDirectory() {
        var tmp = Path.of("/tmp");
        try {
            var directory = Files.createTempDirectory(Files.isDirectory(tmp) ? tmp : Path.of(System.getProperty("java.io.tmpdir")),
                    "mcpconn-pg-");
            own(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for a PostgreSQL cluster", e);
        }
    }

    /** Hands {@code path} to the owner (nothing to do when the owner is this process's user). */
    void own(Path path) {
        if (principal.isPresent()) {
            try {
                Files.setOwner(path, principal.get());
            } catch (IOException e) {
                throw new UncheckedIOException("could not give " + path + " to the user " + POSTGRES, e);
            }
        }
    }

    private static boolean root() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            // /proc/self belongs to this process's effective user: the uid, whatever user.name says.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    // /usr/sbin is missing from many non-login PATHs (CI runners, IDEs), and that is where Debian puts runuser.
    private static String runuser() {
        for (var candidate : List.of(Path.of("/usr/sbin/runuser"), Path.of("/sbin/runuser"))) {
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return Commands.require("runuser", "These tests run as root and need runuser (util-linux) to start PostgreSQL as the"
                + " user postgres: apt-get install -y util-linux");
    }
}
