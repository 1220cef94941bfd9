package io.mcpconn.infrastructure.sqlite.database;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a main class in a child JVM as a user whom permission bits stop. Tests run as root in CI,
 * and root writes through any permission bits, so there the child runs as {@code nobody} through
 * util-linux's {@code setpriv}, on a copy of the classpath that user can read; elsewhere it runs as
 * the current user, whom the bits already stop.
 */
final class UnprivilegedJvm {

    /** The uid and gid of nobody/nogroup on Debian and most Linux distributions. */
    static final int NOBODY = 65534;

    /** What the child printed and returned. */
    record Result(int code, String output, String errors) {

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + output + "--- stderr\n" + errors;
        }
    }

    private UnprivilegedJvm() {
    }

    static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The name of the user the child runs as. */
    static String user() {
        return asRoot() ? "nobody" : System.getProperty("user.name");
    }

    /** Makes the child's user the owner of {@code path} (it already is when the tests do not run as root). */
    static void giveToTheUser(Path path) throws IOException {
        if (asRoot()) {
            var users = path.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(path, users.lookupPrincipalByName(user()));
        }
    }

    /** Makes a directory that the unprivileged user may enter and read, and write when asked. */
    static Path shared(Path parent, String name, boolean writable) throws IOException {
        Path directory = Files.createDirectories(parent.resolve(name));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(writable ? "rwxrwxrwx" : "rwxr-xr-x"));
        return directory;
    }

    static Result run(Path scratch, Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        String classPath = System.getProperty("java.class.path");
        if (asRoot()) {
            Path setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv").map(Path::of).filter(Files::isExecutable)
                    .findFirst().orElse(null);
            if (setpriv == null) {
                fail("This test runs a child JVM as an unprivileged user, because root ignores permission bits; it"
                        + " needs setpriv from util-linux (Debian/Ubuntu: apt-get install util-linux).");
            }
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
            classPath = readableCopy(classPath, shared(scratch, "classpath", false));
            command.addAll(List.of(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", classPath, "-Djava.io.tmpdir=" + shared(scratch, "tmp", true), main.getName()));
        command.addAll(List.of(args));
        Path errors = Files.createTempFile(scratch, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the child JVM did not finish within 60 s: " + command);
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                Files.readString(errors));
    }

    /** Copies every classpath entry into a directory the unprivileged user may read (~/.m2 is root's). */
    private static String readableCopy(String classPath, Path target) throws IOException {
        List<String> copies = new ArrayList<>();
        int n = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path copy = target.resolve(n++ + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source)) {
                    files.forEach(file -> copy(file, copy.resolve(source.relativize(file).toString())));
                }
            } else {
                copy(source, copy);
            }
            copies.add(copy.toString());
        }
        try (Stream<Path> files = Files.walk(target)) {
            files.forEach(file -> {
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                            Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return String.join(File.pathSeparator, copies);
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.isDirectory(from)) {
                Files.createDirectories(to);
            } else {
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
