package io.mcpconn.infrastructure.jdbc.database;

/**
 * Hears about the steps of a long operation while it runs, so that a user watching a backup or a
 * migration sees it move ("backing up … done (12 KB)"). Each {@link #started} is followed by one
 * {@link #finished}, unless the operation fails, in which case the failure is thrown instead.
 */
public interface MigrationProgress {

    /**
     * A step begins.
     *
     * @param step what is being done, e.g. {@code "applying V2 add version and unique server name"}
     */
    void started(String step);

    /**
     * The step that began last has ended.
     *
     * @param result how it ended, e.g. {@code "done (12 KB)"}
     */
    void finished(String result);

    /** Returns a listener that ignores everything. */
    static MigrationProgress silent() {
        return Silent.INSTANCE;
    }

    /** The listener for callers that do not show progress. */
    enum Silent implements MigrationProgress {
        /** The only instance. */
        INSTANCE;

        @Override
        public void started(String step) {
            // Nobody is watching.
        }

        @Override
        public void finished(String result) {
            // Nobody is watching.
        }
    }
}
