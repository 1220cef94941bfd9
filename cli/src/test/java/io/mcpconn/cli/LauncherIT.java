package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mcpconn} launcher's start-up archive: made on first use, mapped afterwards, made
 * again when it no longer fits, and never more than a cost in time when it cannot be had.
 */
class LauncherIT {

    @TempDir
    Path directory;

    record Run(int code, String out, String err) {
    }

    @Test
    void theFirstStartMakesTheArchiveAndLaterStartsMapIt() throws Exception {
        Path cache = directory.resolve("cache");

        Run first = launch(Map.of("MCPCONN_CACHE_DIR", cache.toString()), "--version");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("mcpconn ").contains("schema head 6");
        assertThat(first.err()).contains("making a start-up archive for this build and JDK in " + cache.resolve("cds"));
        assertThat(files(cache.resolve("cds"), ".jsa")).hasSize(1);
        assertThat(files(cache.resolve("cds"), ".stamp")).hasSize(1);
        try (Stream<Path> all = Files.walk(cache)) {
            assertThat(all.map(path -> path.getFileName().toString())).contains("libsqlitejdbc.so");
        }

        // -Xshare:on makes the JVM refuse to start unless it maps the archive the launcher gives it.
        Run second = launch(Map.of("MCPCONN_CACHE_DIR", cache.toString(), "MCPCONN_JAVA_OPTS", "-Xshare:on"),
                "db", "head");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.err()).doesNotContain("making a start-up archive");
        assertThat(second.out()).contains("6 (");
    }

    @Test
    void anArchiveCutShortIsMadeAgainInsteadOfBeingMapped() throws Exception {
        Path cache = directory.resolve("cache");
        assertThat(launch(Map.of("MCPCONN_CACHE_DIR", cache.toString()), "--version").code()).isZero();
        Path archive = files(cache.resolve("cds"), ".jsa").get(0);
        long size = Files.size(archive);
        archive.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
            file.setLength(4096);
        }

        Run again = launch(Map.of("MCPCONN_CACHE_DIR", cache.toString()), "db", "head");

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("6 (");
        assertThat(again.err()).contains("making a start-up archive");
        assertThat(Files.size(archive)).isGreaterThan(size / 2);
    }

    @Test
    void withoutAUsableCacheOrWithTheArchiveTurnedOffCommandsOnlyStartSlower() throws Exception {
        Run unwritable = launch(Map.of("MCPCONN_CACHE_DIR", "/proc/mcpconn-cannot-be-made"), "db", "head");
        assertThat(unwritable.code()).as(unwritable.err()).isZero();
        assertThat(unwritable.out()).contains("6 (");

        Path cache = directory.resolve("off");
        Run off = launch(Map.of("MCPCONN_CACHE_DIR", cache.toString(), "MCPCONN_CDS", "off"), "--version");
        assertThat(off.code()).isZero();
        assertThat(off.out()).startsWith("mcpconn ");
        assertThat(off.err()).doesNotContain("making a start-up archive");
        assertThat(Files.exists(cache)).isFalse();
    }

    private Run launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Path launcher = Jar.jar().toAbsolutePath().getParent().getParent().getParent().resolve("mcpconn");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(launcher.toString()), Stream.of(args))
                .toList()).directory(directory.toFile());
        builder.environment().put("MCPCONN_DATABASE_URL", directory.resolve("tmws.db").toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MCPCONN_JAVA_OPTS");
        builder.environment().putAll(environment);
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./mcpconn " + String.join(" ", args) + " did not end within 3 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<Path> files(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> path.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
