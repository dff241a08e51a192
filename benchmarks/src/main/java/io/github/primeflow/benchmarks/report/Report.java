package io.github.primeflow.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the report shows, computed once by {@link Analysis} and rendered as Markdown, SVG and JSON.
 *
 * @param date when the report was made (UTC, ISO-8601)
 * @param jdk the JDK the benchmarks ran on
 * @param cores the machine's core count
 * @param mode {@code quick}, {@code full} or a free label
 * @param sections the JMH workloads
 * @param liveness workload D's loops (empty if it was not run)
 * @param livenessTargets the targets of workload D
 */
public record Report(String date, String jdk, int cores, String mode, List<Section> sections,
        List<LivenessRun> liveness, List<TargetCheck> livenessTargets) {

    /**
     * Compact constructor: copies the lists.
     */
    public Report {
        sections = List.copyOf(sections);
        liveness = List.copyOf(liveness);
        livenessTargets = List.copyOf(livenessTargets);
    }

    /**
     * Every target that could be evaluated, in table order.
     *
     * @return the targets of every section, then those of workload D
     */
    public List<TargetCheck> targets() {
        List<TargetCheck> all = new ArrayList<>();
        for (Section section : sections) {
            for (Row row : section.rows()) {
                if (row.target() != null) {
                    all.add(row.target());
                }
            }
        }
        all.addAll(livenessTargets);
        return all;
    }
}
