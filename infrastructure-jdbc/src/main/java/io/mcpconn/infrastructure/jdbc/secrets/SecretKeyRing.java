package io.mcpconn.infrastructure.jdbc.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys secrets at rest are sealed with: the first seals everything written from now on, every
 * one of them opens what it sealed. Rotating adds a new first key and keeps the old ones, so that
 * backups sealed before still open.
 *
 * @param keys at least one; no two the same
 */
public record SecretKeyRing(List<SecretKey> keys) {

    /** Checks that there is a key and copies the list. */
    public SecretKeyRing {
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key ring needs at least one key");
        }
        if (keys.stream().map(SecretKey::id).distinct().count() != keys.size()) {
            throw new IllegalArgumentException("a key ring lists the same key twice: "
                    + keys.stream().map(SecretKey::id).collect(Collectors.joining(", ")));
        }
    }

    /** A ring of one key. */
    public static SecretKeyRing of(SecretKey key) {
        return new SecretKeyRing(List.of(key));
    }

    /**
     * Reads keys written one per line (or separated by commas), first the one that seals; blank
     * lines and lines starting with {@code #} are skipped.
     *
     * @param source what the text came from, for the message (a file, a variable); never the text
     * @throws IllegalArgumentException if there is no key, or a key is not base64 of 32 bytes
     */
    public static SecretKeyRing parse(String text, String source) {
        var keys = new ArrayList<SecretKey>();
        int line = 0;
        for (var row : text.split("\\R")) {
            line++;
            var content = row.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            for (var part : content.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    keys.add(SecretKey.fromBase64(part));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + ", line " + line + ": " + e.getMessage(), e);
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no key");
        }
        return new SecretKeyRing(keys.stream().distinct().toList());
    }

    /** The key that seals. */
    public SecretKey current() {
        return keys.get(0);
    }

    /** The key with {@code id}, if the ring has it. */
    public Optional<SecretKey> find(String id) {
        return keys.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    /** This ring with {@code key} first, sealing from now on; the others still open. */
    public SecretKeyRing rotatedTo(SecretKey key) {
        var next = new ArrayList<SecretKey>();
        next.add(key);
        keys.stream().filter(existing -> !existing.equals(key)).forEach(next::add);
        return new SecretKeyRing(next);
    }

    /** The ids, first the sealing one. */
    public List<String> ids() {
        return keys.stream().map(SecretKey::id).toList();
    }

    @Override
    public String toString() {
        return "SecretKeyRing" + ids();
    }
}
