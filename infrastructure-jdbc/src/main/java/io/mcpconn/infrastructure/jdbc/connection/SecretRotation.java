package io.mcpconn.infrastructure.jdbc.connection;

import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import io.mcpconn.infrastructure.jdbc.database.SqlDatabase;
import io.mcpconn.infrastructure.jdbc.secrets.KeyFile;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A key rotation, whole: every sealed secret is checked to open first; with keys in a key file of
 * a database one process owns (SQLite), a new key is put first in it (the old ones stay, to open
 * backups sealed before); then every connection is resealed in one transaction and the database
 * drops its older copies of the rows it keeps ({@link SqlDatabase#discardOldRowVersions()}). With
 * keys given directly, or a database several instances share (PostgreSQL), the operator has put the
 * new key first on every instance; the rotation reseals with it and writes no key anywhere, since
 * an instance that lacked a key made here could not read what it sealed.
 */
public final class SecretRotation {

    /**
     * What a rotation did.
     *
     * @param sealingKey the id of the key every secret is sealed with now
     * @param keyFile    the key file the new key was added to; empty when no key was made
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
     * Rotates the key of {@code database}, one process's own, whose secrets are kept as
     * {@code configured} says: a new key is made in its key file, if it has one.
     *
     * @throws IllegalArgumentException if secrets are kept in plaintext: there is no key to rotate
     * @throws ResealRefusedException before anything was written, if a sealed secret does not open
     */
    public static Rotation rotate(SqlDatabase database, SecretsConfiguration.Resolved configured,
            MigrationProgress progress) {
        return rotate(database, configured, true, progress);
    }

    /**
     * Reseals every secret of {@code database}, which several instances share, with the first of
     * the keys {@code configured} gives; no key is made or written.
     *
     * @throws IllegalArgumentException if secrets are kept in plaintext: there is no key to rotate
     * @throws ResealRefusedException before anything was written, if a sealed secret does not open
     */
    public static Rotation resealShared(SqlDatabase database, SecretsConfiguration.Resolved configured,
            MigrationProgress progress) {
        return rotate(database, configured, false, progress);
    }

    private static Rotation rotate(SqlDatabase database, SecretsConfiguration.Resolved configured, boolean newKey,
            MigrationProgress progress) {
        var secrets = configured.secrets();
        if (!secrets.seals()) {
            throw new IllegalArgumentException("secrets are kept in plaintext; there is no key to rotate");
        }
        var before = secrets.keys().orElseThrow();
        // Every sealed secret must open before a new key is written anywhere.
        SecretResealing.check(database, secrets);
        List<String> kept = List.of();
        if (newKey && configured.keyFile().isPresent()) {
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
        database.discardOldRowVersions();
        progress.finished("done (" + result.resealed() + " connection(s))");
        return new Rotation(sealing, newKey ? configured.keyFile() : Optional.empty(), kept, result);
    }
}
