package io.mcpconn.infrastructure.sqlite.connection;

import io.mcpconn.infrastructure.jdbc.connection.SecretResealing;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import io.mcpconn.infrastructure.jdbc.secrets.KeyFile;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A key rotation, whole: every sealed secret is checked to open first; with keys in a key file, a
 * new key is put first in it (the old ones stay, to open backups sealed before); then every
 * connection is resealed in one transaction and the write-ahead log is emptied, so that no older
 * copy of a row stays in it. With keys given directly, the operator has put the new key first;
 * the rotation reseals with it.
 */
public final class SecretRotation {

    /**
     * What a rotation did.
     *
     * @param sealingKey the id of the key every secret is sealed with now
     * @param keyFile    the key file the new key was added to; empty when the keys came from elsewhere
     * @param keptKeys   the ids of the keys kept beside it, to open older backups
     * @param resealed   how many connections were resealed, and which were skipped
     */
    public record Rotation(String sealingKey, Optional<Path> keyFile, List<String> keptKeys,
            SecretResealing.Result resealed) {

        /** Checks the fields and copies the list. */
        public Rotation {
            Objects.requireNonNull(sealingKey, "sealingKey");
            Objects.requireNonNull(keyFile, "keyFile");
            keptKeys = List.copyOf(keptKeys);
            Objects.requireNonNull(resealed, "resealed");
        }
    }

    private SecretRotation() {
    }

    /**
     * Rotates the key of {@code database}, whose secrets are kept as {@code configured} says.
     *
     * @throws IllegalArgumentException if secrets are kept in plaintext: there is no key to rotate
     * @throws ResealRefusedException before anything was written, if a sealed secret does not open
     */
    public static Rotation rotate(SqliteDatabase database, SecretsConfiguration.Resolved configured,
            MigrationProgress progress) {
        var secrets = configured.secrets();
        if (!secrets.seals()) {
            throw new IllegalArgumentException("secrets are kept in plaintext; there is no key to rotate");
        }
        var before = secrets.keys().orElseThrow();
        // Every sealed secret must open before a new key is written anywhere.
        SecretResealing.check(database, secrets);
        List<String> kept = List.of();
        if (configured.keyFile().isPresent()) {
            var file = configured.keyFile().get();
            var ring = before.rotatedTo(KeyFile.newKey());
            progress.started("adding key " + ring.current().id() + " to " + file);
            KeyFile.replace(file, ring);
            kept = before.ids();
            progress.finished("done (older keys " + String.join(", ", kept) + " kept, to open backups made before)");
            secrets = secrets.withKeys(ring, "the key file " + file);
        }
        var sealing = secrets.keys().orElseThrow().current().id();
        progress.started("resealing every connection with key " + sealing);
        var result = SecretResealing.reseal(database, secrets);
        database.checkpoint();
        progress.finished("done (" + result.resealed() + " connection(s))");
        return new Rotation(sealing, configured.keyFile(), kept, result);
    }
}
