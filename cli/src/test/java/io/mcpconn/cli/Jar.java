package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the packaged {@code mcpconn.jar} as a separate process, as a user would, optionally as an
 * unprivileged user: tests run as root in CI, whom permission bits do not stop, so there the
 * process runs as {@code nobody} through util-linux's {@code setpriv}.
 */
final class Jar {

    /** The uid and gid of nobody/nogroup. */
    static final int NOBODY = 65534;

    private Jar() {
    }

    static Path jar() {
        String property = System.getProperty("mcpconn.cli.jar");
        if (property == null || !Files.isRegularFile(Path.of(property))) {
            fail("the runnable jar is missing (system property mcpconn.cli.jar=" + property + "); run these tests"
                    + " through ./mvnw verify, which packages it first");
        }
        return Path.of(property);
    }

    /**
     * What {@code ./mcpconn} runs, as a shell command line: this JVM's {@code java -jar} on the
     * packaged jar, each word single-quoted.
     */
    static String shellCommand() {
        return String.join(" ", List.of(java(), "-jar", jar().toString()).stream().map(Jar::shellWord).toList());
    }

    private static String shellWord(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    static ProcessBuilder builder(Path workingDirectory, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workingDirectory.toFile());
    }

    /**
     * The jar's command line with words before {@code java} (such as {@code prlimit …}) and JVM
     * options before {@code -jar}.
     */
    static ProcessBuilder builder(List<String> before, List<String> jvmOptions, Path workingDirectory,
            String... args) {
        List<String> command = new ArrayList<>(before);
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workingDirectory.toFile());
    }

    static Cli.Result run(Path workingDirectory, String... args) throws Exception {
        return finish(builder(workingDirectory, args), workingDirectory);
    }

    /** Runs the jar as a user whom permission bits stop; {@code scratch} must be world-readable. */
    static Cli.Result runUnprivileged(Path scratch, Path workingDirectory, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        Path jar = jar();
        if ("root".equals(System.getProperty("user.name"))) {
            Path setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv").map(Path::of).filter(Files::isExecutable)
                    .findFirst().orElse(null);
            if (setpriv == null) {
                fail("This test runs mcpconn as an unprivileged user, because root ignores permission bits; it"
                        + " needs setpriv from util-linux (Debian/Ubuntu: apt-get install util-linux).");
            }
            // The build's jar may sit under root's home, which nobody cannot enter.
            Path readable = Files.createDirectories(scratch.resolve("jar"));
            jar = Files.copy(jar, readable.resolve("mcpconn.jar"), StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
            command.addAll(List.of(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        Path tmp = Files.createDirectories(scratch.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        command.addAll(List.of(java(), "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString()));
        command.addAll(List.of(args));
        return finish(new ProcessBuilder(command).directory(workingDirectory.toFile()), scratch);
    }

    static Cli.Result finish(ProcessBuilder builder, Path scratch) throws IOException, InterruptedException {
        return finish(builder, scratch, Duration.ofMinutes(2));
    }

    /** Runs {@code builder} with its output in files under {@code scratch}, for up to {@code timeout}. */
    static Cli.Result finish(ProcessBuilder builder, Path scratch, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return await(process, out, err, timeout);
    }

    static Cli.Result await(Process process, Path out, Path err) throws IOException, InterruptedException {
        return await(process, out, err, Duration.ofMinutes(2));
    }

    static Cli.Result await(Process process, Path out, Path err, Duration timeout)
            throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("mcpconn did not finish within " + timeout.toSeconds() + " s; so far it printed:\n"
                    + Files.readString(out) + "--- err\n" + Files.readString(err));
        }
        return new Cli.Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
