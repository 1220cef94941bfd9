package io.mcpconn.infrastructure.jdbc.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * How secrets are kept in the database: sealed (the default) or, chosen explicitly, in plaintext.
 *
 * <p>Sealed, each secret is stored as {@code enc:v1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>}:
 * AES-256-GCM from the JDK, a fresh 96-bit nonce per value, and the row id, column and field as
 * associated data, so that a sealed value copied into another row or field does not open. A value
 * stored in plaintext (the seed's format, the Python service's) is read as it is, and sealed the
 * next time its connection is saved.
 *
 * <p>Plaintext keeps the seed's format, for a deployment that shares the table with the Python
 * service; sealed values are still opened when keys are at hand. Thread-safe.
 */
public final class SecretsAtRest {

    /** What every sealed value starts with; the version is that of the format. */
    public static final String PREFIX = "enc:v1:";

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final boolean seal;
    private final Optional<SecretKeyRing> keys;
    private final String source;

    private SecretsAtRest(boolean seal, Optional<SecretKeyRing> keys, String source) {
        this.seal = seal;
        this.keys = Objects.requireNonNull(keys, "keys");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Seals every secret with the ring's first key.
     *
     * @param source where the keys came from, for messages (e.g. {@code "key file data/tmws.db.key"})
     */
    public static SecretsAtRest sealed(SecretKeyRing keys, String source) {
        return new SecretsAtRest(true, Optional.of(Objects.requireNonNull(keys, "keys")), source);
    }

    /**
     * Stores secrets in plaintext, in the seed's format; opens sealed ones with {@code keys} if given.
     *
     * @param source where the keys came from, for messages; "none" when there are none
     */
    public static SecretsAtRest plaintext(Optional<SecretKeyRing> keys, String source) {
        return new SecretsAtRest(false, keys, source);
    }

    /** Whether secrets are sealed when written. */
    public boolean seals() {
        return seal;
    }

    /** The keys at hand, if any. */
    public Optional<SecretKeyRing> keys() {
        return keys;
    }

    /** Where the keys came from, in words. */
    public String source() {
        return source;
    }

    /** The same keys, sealing with {@code ring}'s first key from now on. */
    public SecretsAtRest withKeys(SecretKeyRing ring, String newSource) {
        return new SecretsAtRest(seal, Optional.of(ring), newSource);
    }

    /**
     * What to store for {@code value}: sealed for {@code field} of {@code column} of row {@code rowId},
     * or the value itself in plaintext mode.
     */
    public String store(String value, SealedField field) {
        Objects.requireNonNull(value, "value");
        if (!seal) {
            return value;
        }
        var key = keys.orElseThrow().current();
        try {
            var nonce = new byte[NONCE_BYTES];
            Nonces.RANDOM.nextBytes(nonce);
            var cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key.aes(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(field.associatedData());
            var sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            var out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + key.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not seal with " + CIPHER + ": " + e.getMessage(), e);
        }
    }

    /**
     * The secret a stored value holds: opened if it is sealed, as it is if it is plaintext.
     *
     * @throws SealedValueException if it is sealed but cannot be opened: its key is not at hand,
     *     or it was altered or moved from another row or field
     */
    public String read(String stored, SealedField field) {
        Objects.requireNonNull(stored, "stored");
        if (!isSealed(stored)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new SealedValueException(field, "is marked sealed (" + PREFIX + ") but has no key id");
        }
        var keyId = stored.substring(PREFIX.length(), colon);
        var key = keys.flatMap(ring -> ring.find(keyId)).orElseThrow(() -> new SealedValueException(field,
                "is sealed with key " + keyId + ", which is not among the keys at hand ("
                        + keys.map(ring -> "keys " + String.join(", ", ring.ids()) + " from " + source)
                                .orElse("none: " + source) + ")"));
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(stored.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new SealedValueException(field, "is marked sealed but is not base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SealedValueException(field, "is marked sealed but too short to be a sealed value");
        }
        try {
            var cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key.aes(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(field.associatedData());
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealedValueException(field, "does not open with key " + keyId + ": the value was altered, or"
                    + " copied from another row or field");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not open with " + CIPHER + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code stored} is a sealed value rather than plaintext. */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    @Override
    public String toString() {
        return "SecretsAtRest[" + (seal ? "sealed" : "plaintext") + ", " + keys.map(SecretKeyRing::ids).orElse(null)
                + ", from " + source + "]";
    }

    /** Made on the first seal: reading, which needs no nonce, does not set up the JDK's providers. */
    private static final class Nonces {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
