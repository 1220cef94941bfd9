package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import java.util.ArrayList;
import java.util.List;

/** Keeps what an operation reported, as "step: result" lines. */
final class RecordingProgress implements MigrationProgress {

    final List<String> lines = new ArrayList<>();
    private String step = "";

    @Override
    public void started(String step) {
        this.step = step;
    }

    @Override
    public void finished(String result) {
        lines.add(step + ": " + result);
    }
}
