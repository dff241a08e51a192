package io.github.primeflow.benchmarks.report;

import java.util.List;

/**
 * The results of one workload.
 *
 * @param id a short identifier: {@code A}, {@code A1}, {@code B}, {@code C}, {@code K}
 * @param title the heading
 * @param ratioLabel what the ratio column means, e.g. {@code speedup vs sequential}
 * @param rows the lines, baselines first
 */
public record Section(String id, String title, String ratioLabel, List<Row> rows) {

    /**
     * Compact constructor: copies the rows.
     */
    public Section {
        rows = List.copyOf(rows);
    }
}
