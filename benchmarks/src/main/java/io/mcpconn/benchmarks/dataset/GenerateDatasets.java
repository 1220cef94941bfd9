package io.mcpconn.benchmarks.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the benchmarks' data sets ahead of a run, so that the first benchmark of each size does
 * not spend its fork generating: {@code GenerateDatasets [--db sqlite|postgresql|both] 10000 100000}
 * (SQLite unless told). Cached ones are kept; on PostgreSQL, copies that killed runs left behind
 * are dropped.
 */
public final class GenerateDatasets {

    private GenerateDatasets() {
    }

    /** Each argument is a number of rows, after an optional {@code --db}. */
    public static void main(String[] args) {
        List<String> dbs = List.of(Dataset.Sqlite.NAME);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--db") && i + 1 < args.length) {
                dbs = Dataset.selected(args[++i]);
            } else {
                rows.add(Integer.parseInt(args[i]));
            }
        }
        if (dbs.contains(Dataset.Postgres.NAME)) {
            PostgresDatasets.dropLeftoverCopies(PostgresServerAddress.configured());
        }
        for (String db : dbs) {
            for (int size : rows) {
                System.out.println("data set: " + Dataset.ensure(db, Datasets.spec(size)).describe());
            }
        }
    }
}
