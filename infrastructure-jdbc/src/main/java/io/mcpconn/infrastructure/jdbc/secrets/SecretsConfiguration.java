package io.mcpconn.infrastructure.jdbc.secrets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses how secrets are kept from a process's settings:
 *
 * <ul>
 *   <li>{@value #MODE}: {@code sealed} (the default) or {@code plaintext} (the seed's format, to share
 *       the table with the Python service);
 *   <li>{@value #KEY}: the keys themselves, base64, separated by commas, the first sealing; or
 *   <li>{@value #KEY_FILE}: a file of keys, one per line, the first sealing;
 *   <li>neither: the key file beside the database ({@code <db>.key}), created owner-only on first
 *       use when secrets are sealed, which {@link Resolved#createdKeyFile()} then says.
 * </ul>
 */
public final class SecretsConfiguration {

    /** {@code sealed} or {@code plaintext}. */
    public static final String MODE = "MCPCONN_SECRETS";
    /** Keys given directly, base64, comma-separated, the first sealing. */
    public static final String KEY = "MCPCONN_SECRET_KEY";
    /** A key file, one base64 key per line, the first sealing. */
    public static final String KEY_FILE = "MCPCONN_SECRET_KEY_FILE";

    private SecretsConfiguration() {
    }

    /**
     * What the settings chose, and where the keys are.
     *
     * @param secrets   how secrets are kept
     * @param keyFile   the key file in use, if the keys come from one (rotation writes it)
     * @param createdKeyFile the key file, if it was created just now
     */
    public record Resolved(SecretsAtRest secrets, Optional<Path> keyFile, Optional<Path> createdKeyFile) {

        /** Checks the fields. */
        public Resolved {
            Objects.requireNonNull(secrets, "secrets");
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(createdKeyFile, "createdKeyFile");
        }
    }

    /**
     * Reads the settings in {@code environment} for the database at {@code databaseFile}, creating
     * the key file beside it if secrets are sealed and no key is configured.
     *
     * @throws SecretsConfigurationException if the settings are contradictory or the keys unusable
     */
    public static Resolved fromEnvironment(Map<String, String> environment, Path databaseFile) {
        return resolve(environment, Optional.of(databaseFile));
    }

    /**
     * Reads the settings in {@code environment} for a database that several instances share (a
     * PostgreSQL server): each reads what the others sealed, so they must all have the same keys,
     * and no key file is made for one of them. Sealed secrets then need {@value #KEY} or
     * {@value #KEY_FILE}.
     *
     * @throws SecretsConfigurationException if the settings are contradictory, the keys unusable, or
     *     secrets are sealed and no key is given
     */
    public static Resolved forSharedDatabase(Map<String, String> environment) {
        return resolve(environment, Optional.empty());
    }

    private static Resolved resolve(Map<String, String> environment, Optional<Path> databaseFile) {
        var mode = setting(environment, MODE).map(value -> value.toLowerCase(Locale.ROOT)).orElse("sealed");
        if (!mode.equals("sealed") && !mode.equals("plaintext")) {
            throw new SecretsConfigurationException(MODE + " is '" + mode + "', which is neither sealed nor plaintext",
                    "set " + MODE + "=sealed (the default: api keys, URL passwords and environment values are"
                            + " encrypted at rest) or " + MODE + "=plaintext (the seed's format, for sharing the table"
                            + " with the Python service)");
        }
        boolean seal = mode.equals("sealed");
        var inline = setting(environment, KEY);
        var file = setting(environment, KEY_FILE).map(Path::of);
        if (inline.isPresent() && file.isPresent()) {
            throw new SecretsConfigurationException("both " + KEY + " and " + KEY_FILE + " are set",
                    "set only one of them");
        }
        if (inline.isPresent()) {
            SecretKeyRing ring;
            try {
                ring = SecretKeyRing.parse(inline.get(), KEY);
            } catch (IllegalArgumentException e) {
                throw new SecretsConfigurationException(e.getMessage(), "give " + KEY + " as base64 of 32 random"
                        + " bytes (openssl rand -base64 32); several keys separated by commas, the sealing one first", e);
            }
            return new Resolved(seal ? SecretsAtRest.sealed(ring, KEY) : SecretsAtRest.plaintext(Optional.of(ring), KEY),
                    Optional.empty(), Optional.empty());
        }
        if (file.isPresent()) {
            if (!Files.exists(file.get())) {
                throw new SecretsConfigurationException(KEY_FILE + " names " + file.get() + ", which does not exist",
                        "point " + KEY_FILE + " at the key file, or unset it to use the one beside the database");
            }
            return fromFile(file.get(), seal, false);
        }
        if (databaseFile.isEmpty()) {
            if (!seal) {
                return new Resolved(SecretsAtRest.plaintext(Optional.empty(), "no key configured"), Optional.empty(),
                        Optional.empty());
            }
            throw new SecretsConfigurationException("secrets are sealed, and no key is given for a database that"
                    + " several instances share (each must open what the others sealed)", "give every instance the same"
                    + " key: " + KEY + " (base64 of 32 random bytes: openssl rand -base64 32) or " + KEY_FILE
                    + " (a file of such keys, one per line); or set " + MODE + "=plaintext");
        }
        var besides = KeyFile.besides(databaseFile.get());
        if (Files.exists(besides)) {
            return fromFile(besides, seal, false);
        }
        if (!seal) {
            return new Resolved(SecretsAtRest.plaintext(Optional.empty(), "no key configured"), Optional.empty(),
                    Optional.empty());
        }
        KeyFile.create(besides);
        return fromFile(besides, true, true);
    }

    private static Resolved fromFile(Path file, boolean seal, boolean created) {
        var ring = KeyFile.read(file);
        var source = "the key file " + file;
        return new Resolved(seal ? SecretsAtRest.sealed(ring, source) : SecretsAtRest.plaintext(Optional.of(ring), source),
                Optional.of(file), created ? Optional.of(file) : Optional.empty());
    }

    private static Optional<String> setting(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
