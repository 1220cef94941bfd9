package io.mcpconn.benchmarks.dataset;

/**
 * Builds the benchmarks' data sets ahead of a run, so that the first benchmark of each size does
 * not spend its fork generating: {@code GenerateDatasets 10000 100000}. Cached ones are kept.
 */
public final class GenerateDatasets {

    private GenerateDatasets() {
    }

    /** Each argument is a number of rows. */
    public static void main(String[] args) {
        for (String rows : args) {
            System.out.println("data set: " + Datasets.ensure(Datasets.spec(Integer.parseInt(rows))));
        }
    }
}
