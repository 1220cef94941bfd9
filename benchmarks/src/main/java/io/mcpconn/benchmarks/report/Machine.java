package io.mcpconn.benchmarks.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The machine the figures come from: they mean little without it.
 *
 * @param cpu    model name from {@code /proc/cpuinfo}
 * @param cores  processors available to the JVM
 * @param memory total memory from {@code /proc/meminfo}
 * @param os     distribution, kernel and architecture
 * @param jdk    what {@code java -version} prints, for the java running this
 */
public record Machine(String cpu, int cores, String memory, String os, String jdk) {

    /** Describes this machine. */
    public static Machine describe() {
        String cpu = field(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
        String memory = field(Path.of("/proc/meminfo"), "MemTotal")
                .map(total -> String.format("%.1f GiB", Long.parseLong(total.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .orElse("unknown");
        String distribution = field(Path.of("/etc/os-release"), "PRETTY_NAME").map(name -> name.replace("\"", ""))
                .orElse(System.getProperty("os.name"));
        String os = distribution + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                + System.getProperty("os.arch") + ")";
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory, os, javaVersion());
    }

    // The value after the first "name:" or "name=" line of a /proc or /etc file.
    private static Optional<String> field(Path file, String name) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(name))
                    .map(line -> line.substring(line.indexOf(line.contains(":") ? ':' : '=') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String javaVersion() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            try (InputStream out = process.getInputStream()) {
                String text = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
                process.waitFor();
                return text;
            }
        } catch (IOException e) {
            return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return System.getProperty("java.runtime.version");
        }
    }
}
