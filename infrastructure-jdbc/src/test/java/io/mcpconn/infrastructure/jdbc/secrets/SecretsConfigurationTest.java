package io.mcpconn.infrastructure.jdbc.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the keys come from: a variable, a key file, or a key file created beside the database. */
class SecretsConfigurationTest {

    @TempDir
    Path directory;

    private Path database() {
        return directory.resolve("tmws.db");
    }

    private static String newKey() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void with_nothing_configured_a_key_file_is_created_beside_the_database_owner_only_and_said_so() throws Exception {
        var first = SecretsConfiguration.fromEnvironment(Map.of(), database());
        var keyFile = directory.resolve("tmws.db.key");

        assertThat(first.createdKeyFile()).contains(keyFile);
        assertThat(first.keyFile()).contains(keyFile);
        assertThat(first.secrets().seals()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Files.readString(keyFile)).startsWith("# mcpconn secret keys").contains("back it up apart");
        assertThat(directory.toFile().list()).containsExactly("tmws.db.key");

        var second = SecretsConfiguration.fromEnvironment(Map.of(), database());
        assertThat(second.createdKeyFile()).as("only the first use creates it").isEmpty();
        assertThat(second.secrets().keys()).isEqualTo(first.secrets().keys());
        assertThat(second.secrets().source()).isEqualTo("the key file " + keyFile);
    }

    @Test
    void a_key_file_others_may_read_is_refused_with_the_chmod_that_fixes_it() throws Exception {
        SecretsConfiguration.fromEnvironment(Map.of(), database());
        var keyFile = directory.resolve("tmws.db.key");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> SecretsConfiguration.fromEnvironment(Map.of(), database()))
                .isInstanceOf(SecretsConfigurationException.class)
                .hasMessage("the key file " + keyFile + " may be read or written by others (rw-r--r--). Fix: make it"
                        + " owner-only: chmod 600 " + keyFile);
    }

    @Test
    void keys_given_in_the_environment_or_a_named_key_file_are_used_the_first_sealing() throws Exception {
        var sealing = newKey();
        var older = newKey();
        var inline = SecretsConfiguration.fromEnvironment(Map.of(SecretsConfiguration.KEY, sealing + ", " + older),
                database());
        assertThat(inline.secrets().keys().orElseThrow().current()).isEqualTo(SecretKey.fromBase64(sealing));
        assertThat(inline.secrets().keys().orElseThrow().keys()).hasSize(2);
        assertThat(inline.keyFile()).isEmpty();
        assertThat(directory.toFile().list()).as("no key file is made when keys are given").isEmpty();

        var named = directory.resolve("keys");
        Files.writeString(named, "# comment\n\n" + older + "\n");
        Files.setPosixFilePermissions(named, PosixFilePermissions.fromString("rw-------"));
        var fromFile = SecretsConfiguration.fromEnvironment(Map.of(SecretsConfiguration.KEY_FILE, named.toString()),
                database());
        assertThat(fromFile.secrets().keys().orElseThrow().ids()).containsExactly(SecretKey.fromBase64(older).id());
        assertThat(fromFile.keyFile()).contains(named);
    }

    @Test
    void plaintext_is_chosen_explicitly_and_then_no_key_file_is_made() {
        var resolved = SecretsConfiguration.fromEnvironment(Map.of(SecretsConfiguration.MODE, "PLAINTEXT"), database());
        assertThat(resolved.secrets().seals()).isFalse();
        assertThat(resolved.secrets().keys()).isEmpty();
        assertThat(directory.toFile().list()).isEmpty();
        var value = resolved.secrets().store("sk-plain", new SealedField("row", "config_json", "api_key"));
        assertThat(value).isEqualTo("sk-plain");
    }

    @Test
    void contradictory_or_malformed_settings_are_refused_without_repeating_a_key() {
        var key = newKey();
        assertThatThrownBy(() -> SecretsConfiguration.fromEnvironment(Map.of(SecretsConfiguration.MODE, "maybe"),
                database())).isInstanceOf(SecretsConfigurationException.class)
                .hasMessageStartingWith("MCPCONN_SECRETS is 'maybe', which is neither sealed nor plaintext");
        assertThatThrownBy(() -> SecretsConfiguration.fromEnvironment(Map.of(SecretsConfiguration.KEY, key,
                SecretsConfiguration.KEY_FILE, "/x"), database()))
                .hasMessageStartingWith("both MCPCONN_SECRET_KEY and MCPCONN_SECRET_KEY_FILE are set");
        var truncated = key.substring(0, 20);
        assertThatThrownBy(() -> SecretsConfiguration.fromEnvironment(Map.of(SecretsConfiguration.KEY, truncated),
                database())).hasMessageContaining("MCPCONN_SECRET_KEY, line 1: a secret key must be base64 text of 32"
                        + " random bytes").message().doesNotContain(truncated);
        assertThatThrownBy(() -> SecretsConfiguration.fromEnvironment(Map.of(SecretsConfiguration.KEY_FILE,
                directory.resolve("absent").toString()), database()))
                .hasMessageContaining("MCPCONN_SECRET_KEY_FILE names " + directory.resolve("absent")
                        + ", which does not exist");
    }

    @Test
    void a_sealed_value_opens_only_in_its_own_field_of_its_own_row() {
        var secrets = SecretsAtRest.sealed(SecretKeyRing.of(KeyFile.newKey()), "test");
        var field = new SealedField("row-1", "config_json", "api_key");
        var sealed = secrets.store("sk-123456", field);
        assertThat(SecretsAtRest.isSealed(sealed)).isTrue();
        assertThat(sealed).matches("enc:v1:[0-9a-f]{8}:[A-Za-z0-9_-]+").doesNotContain("sk-123456");
        assertThat(secrets.store("sk-123456", field)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(secrets.read(sealed, field)).isEqualTo("sk-123456");
        assertThat(secrets.read("plaintext", field)).isEqualTo("plaintext");
        for (var elsewhere : new SealedField[] {new SealedField("row-2", "config_json", "api_key"),
            new SealedField("row-1", "tools_json", "api_key"), new SealedField("row-1", "config_json", "url")}) {
            assertThatThrownBy(() -> secrets.read(sealed, elsewhere)).isInstanceOf(SealedValueException.class)
                    .hasMessageContaining("does not open with key");
        }
        assertThatThrownBy(() -> secrets.read("enc:v1:nokeyid", field)).hasMessage("api_key is marked sealed (enc:v1:)"
                + " but has no key id");
        var id = secrets.keys().orElseThrow().current().id();
        assertThatThrownBy(() -> secrets.read("enc:v1:" + id + ":!!", field)).hasMessage("api_key is marked sealed but"
                + " is not base64");
        assertThatThrownBy(() -> secrets.read("enc:v1:" + id + ":AAAA", field)).hasMessage("api_key is marked sealed but"
                + " too short to be a sealed value");
        assertThat(SecretsAtRest.plaintext(Optional.empty(), "none").keys()).isEmpty();
    }

    @Test
    void rings_keep_their_keys_distinct_and_rotate_to_a_new_first_key() {
        var a = KeyFile.newKey();
        var b = KeyFile.newKey();
        var ring = SecretKeyRing.of(a).rotatedTo(b);
        assertThat(ring.ids()).containsExactly(b.id(), a.id());
        assertThat(ring.rotatedTo(a).ids()).containsExactly(a.id(), b.id());
        assertThat(ring.find(a.id())).contains(a);
        assertThat(ring.find("00000000")).isEmpty();
        assertThat(ring.toString()).doesNotContain(a.toBase64());
        assertThat(a.toString()).isEqualTo("SecretKey[" + a.id() + "]");
        assertThatThrownBy(() -> new SecretKeyRing(java.util.List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretKeyRing(java.util.List.of(a, a))).hasMessageContaining("the same key twice");
        assertThatThrownBy(() -> SecretKeyRing.parse("# only comments\n", "the key file k"))
                .hasMessage("the key file k holds no key");
        assertThat(SecretKeyRing.parse(a.toBase64() + "\n" + a.toBase64(), "k").keys()).hasSize(1);
    }

    @Test
    void a_rotated_key_file_is_replaced_whole_and_stays_owner_only() throws Exception {
        var keyFile = directory.resolve("tmws.db.key");
        var ring = KeyFile.create(keyFile);
        assertThatThrownBy(() -> KeyFile.create(keyFile)).isInstanceOf(SecretsConfigurationException.class)
                .hasMessageContaining("exists already");
        var rotated = ring.rotatedTo(KeyFile.newKey());
        KeyFile.replace(keyFile, rotated);
        assertThat(KeyFile.read(keyFile)).isEqualTo(rotated);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(directory.toFile().list()).containsExactly("tmws.db.key");
        assertThat(KeyFile.besides(Path.of("data/tmws.db"))).isEqualTo(Path.of("data/tmws.db.key").toAbsolutePath());
    }
}
