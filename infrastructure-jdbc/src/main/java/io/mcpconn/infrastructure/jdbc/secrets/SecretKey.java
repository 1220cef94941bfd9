package io.mcpconn.infrastructure.jdbc.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * One 256-bit AES key that seals secrets at rest, named by an id taken from its own fingerprint
 * (the first eight hex digits of its SHA-256), so that a sealed value says which key it needs and
 * no registry of ids has to be kept. Not a record: the key never appears in {@code toString}.
 */
public final class SecretKey {

    /** Bytes of an AES-256 key. */
    public static final int LENGTH = 32;

    private final byte[] bytes;
    private final String id;

    private SecretKey(byte[] bytes) {
        this.bytes = bytes.clone();
        this.id = fingerprint(bytes);
    }

    /** A new random key. */
    public static SecretKey generate(SecureRandom random) {
        var bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new SecretKey(bytes);
    }

    /**
     * The key written as standard base64 (44 characters).
     *
     * @throws IllegalArgumentException if the text is not base64 of exactly 32 bytes; the message
     *     does not repeat the text
     */
    public static SecretKey fromBase64(String text) {
        Objects.requireNonNull(text, "text");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a secret key must be base64 text of " + LENGTH + " random bytes"
                    + " (e.g. from: openssl rand -base64 32), but this one is not base64");
        }
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a secret key must be base64 text of " + LENGTH + " random bytes"
                    + " (e.g. from: openssl rand -base64 32), but this one holds " + bytes.length + " bytes");
        }
        return new SecretKey(bytes);
    }

    /** Its id: the first eight hex digits of the SHA-256 of the key. */
    public String id() {
        return id;
    }

    /** The key as base64, for the key file; the one place it leaves this object as text. */
    String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    javax.crypto.SecretKey aes() {
        return new SecretKeySpec(bytes, "AES");
    }

    private static String fingerprint(byte[] bytes) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretKey key && MessageDigest.isEqual(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "SecretKey[" + id + "]";
    }
}
