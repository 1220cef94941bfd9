package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The migrations this build ships, read once from the class path's {@code db/migration} folders by
 * their names, as Flyway names them ({@code V<version>__<description>.sql}), with the checksum
 * Flyway records for each. Read without starting Flyway, whose set-up costs a short command more
 * than the command itself; {@code ShippedMigrationsTest} keeps both readings equal.
 */
final class ShippedMigrations {

    private static final String FOLDER = "db/migration";
    private static final Pattern NAME = Pattern.compile("V([0-9][0-9_]*)__(.+)\\.sql");
    private static final List<ShippedMigration> ALL;
    private static final Map<String, Integer> CHECKSUMS;

    static {
        Map<String, Integer> checksums = new LinkedHashMap<>();
        ALL = load(checksums);
        CHECKSUMS = Map.copyOf(checksums);
    }

    private ShippedMigrations() {
    }

    /** Oldest first. */
    static List<ShippedMigration> all() {
        return ALL;
    }

    static List<String> versions() {
        return ALL.stream().map(ShippedMigration::version).toList();
    }

    static String head() {
        return ALL.get(ALL.size() - 1).version();
    }

    static Optional<ShippedMigration> find(String version) {
        return ALL.stream().filter(migration -> migration.version().equals(version)).findFirst();
    }

    /** The checksum Flyway records when it applies {@code version}; empty for a version not shipped. */
    static Optional<Integer> checksum(String version) {
        return Optional.ofNullable(CHECKSUMS.get(version));
    }

    /** The shipped versions up to and including {@code version}, oldest first. */
    static List<String> upTo(String version) {
        return versions().stream().filter(v -> !SchemaVersion.newer(v, version)).toList();
    }

    /** "1 (create mcp_connections), 2 (…)". */
    static String knownList() {
        return String.join(", ", ALL.stream().map(m -> m.version() + " (" + m.description() + ")").toList());
    }

    /**
     * Flyway's checksum of a script: CRC-32 of its lines' UTF-8 bytes, without line breaks and
     * without a byte-order mark at the start.
     */
    static int checksumOf(InputStream script) throws IOException {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(script, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = reader.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }

    private static List<ShippedMigration> load(Map<String, Integer> checksums) {
        ClassLoader loader = SchemaMigrator.class.getClassLoader();
        Map<String, ShippedMigration> byVersion = new LinkedHashMap<>();
        try {
            Enumeration<URL> folders = loader.getResources(FOLDER);
            while (folders.hasMoreElements()) {
                for (String script : scripts(folders.nextElement())) {
                    Matcher name = NAME.matcher(script);
                    if (!name.matches()) {
                        continue;
                    }
                    String version = name.group(1).replace('_', '.');
                    if (byVersion.containsKey(version)) {
                        continue;
                    }
                    byVersion.put(version, new ShippedMigration(version, name.group(2).replace('_', ' '), script));
                    try (InputStream text = loader.getResourceAsStream(FOLDER + "/" + script)) {
                        checksums.put(version, checksumOf(text));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the shipped migrations under " + FOLDER, e);
        }
        if (byVersion.isEmpty()) {
            throw new IllegalStateException("No migrations under " + FOLDER + " on the class path: the build is broken");
        }
        List<ShippedMigration> sorted = new ArrayList<>(byVersion.values());
        sorted.sort(Comparator.comparing(ShippedMigration::version, ShippedMigrations::compareVersions));
        return List.copyOf(sorted);
    }

    private static int compareVersions(String left, String right) {
        return SchemaVersion.newer(left, right) ? 1 : SchemaVersion.newer(right, left) ? -1 : 0;
    }

    /** The file names directly in {@code folder}, a folder on disk or in a jar. */
    private static List<String> scripts(URL folder) throws IOException {
        if ("jar".equals(folder.getProtocol())) {
            var connection = (JarURLConnection) folder.openConnection();
            connection.setUseCaches(true);
            JarFile jar = connection.getJarFile();
            String entry = connection.getEntryName();
            String prefix = entry.endsWith("/") ? entry : entry + "/";
            List<String> names = new ArrayList<>();
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                String name = entries.nextElement().getName();
                if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0 && name.length() > prefix.length()) {
                    names.add(name.substring(prefix.length()));
                }
            }
            return names;
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).sorted().toList();
        } catch (URISyntaxException e) {
            throw new IOException("Cannot read the folder " + folder, e);
        }
    }
}
