package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import java.util.Objects;
import java.util.Optional;

/**
 * The progress lines of steps that run inside one transaction: each step says it ran, never that
 * it is done, because nothing is done until the transaction commits; a last line says when that
 * happened ("committing the upgrade to V3 … done"), or that the whole transaction was rolled back.
 * A failure ends whichever line is open, so that no line is left hanging before the error.
 */
final class TransactionProgress {

    private final MigrationProgress progress;
    private boolean open;
    private long started;

    TransactionProgress(MigrationProgress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** A step inside the transaction begins. */
    void step(String step) {
        start(step);
    }

    /** The step that began last has run; its changes wait for the commit. */
    void ran() {
        end("ran (" + elapsedMillis() + " ms)");
    }

    /** Every step has run; the transaction is about to commit. */
    void committing(String what) {
        start("committing " + what);
    }

    /** The transaction committed. */
    void committed() {
        end("done (" + elapsedMillis() + " ms)");
    }

    /**
     * The transaction failed and was rolled back: ends the open line saying so, and where the
     * database stays ("at version 1", "without any migrated schema").
     */
    void rolledBack(Optional<String> stays) {
        end("failed, all rolled back" + stays.map(where -> "; the database stays " + where).orElse(""));
    }

    private void start(String step) {
        progress.started(step);
        open = true;
        started = System.nanoTime();
    }

    private void end(String result) {
        if (open) {
            open = false;
            progress.finished(result);
        }
    }

    private long elapsedMillis() {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
