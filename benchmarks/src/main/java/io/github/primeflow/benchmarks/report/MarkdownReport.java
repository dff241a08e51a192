package io.github.primeflow.benchmarks.report;

import java.util.List;

/** Renders a {@link Report} as Markdown tables: one per workload, then workload D, then the target summary. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /**
     * The tables, without a document title (they are embedded in the README too).
     *
     * @param report the report
     * @return Markdown
     */
    public static String render(Report report) {
        StringBuilder md = new StringBuilder();
        md.append("Run of ").append(report.date()).append(", JDK ").append(report.jdk()).append(", ")
                .append(report.cores()).append(" cores, mode ").append(report.mode())
                .append(". Scores are JMH medians ± the half-width of JMH's 99.9 % confidence interval; ratios "
                        + "are between medians of this run, with errors added in quadrature.\n\n");
        for (Section section : report.sections()) {
            renderSection(md, section);
        }
        if (!report.liveness().isEmpty()) {
            renderLiveness(md, report);
        }
        renderTargets(md, report.targets());
        return md.toString();
    }

    private static void renderSection(StringBuilder md, Section section) {
        boolean parallelism = section.rows().stream().anyMatch(r -> r.parallelism() != null);
        boolean naive = section.rows().stream().anyMatch(r -> r.naiveRatio() != null);
        md.append("### ").append(section.title()).append("\n\n| subject |");
        if (parallelism) {
            md.append(" parallelism |");
        }
        md.append(" score | ").append(section.ratioLabel()).append(" |");
        if (naive) {
            md.append(" vs naive pipeline of the same library |");
        }
        md.append(" target |\n|---|");
        md.append(parallelism ? "---:|" : "").append("---:|---:|").append(naive ? "---:|" : "").append("---|\n");
        for (Row row : section.rows()) {
            md.append("| ").append(row.subject()).append(" |");
            if (parallelism) {
                md.append(' ').append(row.parallelism() == null ? "" : row.parallelism()).append(" |");
            }
            md.append(' ').append(Format.estimate(row.score())).append(' ').append(row.unit()).append(" | ")
                    .append(Format.ratio(row.ratio())).append(" |");
            if (naive) {
                md.append(' ').append(row.naiveRatio() == null ? "" : Format.ratio(row.naiveRatio())).append(" |");
            }
            md.append(' ').append(targetCell(row.target())).append(" |\n");
        }
        md.append('\n');
    }

    private static void renderLiveness(StringBuilder md, Report report) {
        md.append("### D. Liveness: 10 ms tick lateness while workload B saturates every worker\n\n")
                .append("The control is the same two loops next to one plain spinning thread per core and no pipeline:"
                        + " what this machine's scheduler gives any program that saturates the cores. With several"
                        + " rounds (every subject once per round, in turn), p50 and p99 are medians over the rounds,"
                        + " max is the largest.\n\n")
                .append("| backend | loop | ticks | p50 ms | p99 ms | p99 per round | max ms | numbers/s meanwhile"
                        + " | target |\n")
                .append("|---|---|---:|---:|---:|---|---:|---:|---|\n");
        for (LivenessRun run : report.liveness()) {
            String prefix = "D." + run.backend() + "." + run.kind() + ".";
            String marks = report.livenessTargets().stream()
                    .filter(t -> t.id().startsWith(prefix))
                    .map(t -> t.id().substring(prefix.length()) + " " + t.comparison().symbol() + " "
                            + Format.threshold(t.threshold()) + ": " + t.mark())
                    .reduce((a, b) -> a + "; " + b).orElse(run.isControl() ? "none: the machine's floor" : "");
            String rounds = run.p99PerRoundMs().stream().map(Format::number).reduce((a, b) -> a + ", " + b)
                    .orElse("");
            md.append("| ").append(run.backend()).append(" | ").append(run.loop()).append(" | ").append(run.ticks())
                    .append(" | ").append(Format.number(run.p50Ms())).append(" | ").append(Format.number(run.p99Ms()))
                    .append(" | ").append(rounds).append(" | ").append(Format.number(run.maxMs())).append(" | ")
                    .append(run.isControl() ? "" : Format.number(run.checkedPerSecond())).append(" | ").append(marks)
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void renderTargets(StringBuilder md, List<TargetCheck> targets) {
        long met = targets.stream().filter(TargetCheck::met).count();
        md.append("**Targets: ").append(met).append(" of ").append(targets.size()).append(" met.**");
        List<TargetCheck> missed = targets.stream().filter(t -> !t.met()).toList();
        if (!missed.isEmpty()) {
            md.append(" Missed:\n\n");
            for (TargetCheck t : missed) {
                md.append("- ").append(t.description()).append(": ").append(Format.estimate(t.measured()))
                        .append(", target ").append(t.comparison().symbol()).append(' ')
                        .append(Format.threshold(t.threshold())).append(t.conclusive() ? "" : " (within error)")
                        .append('\n');
            }
        } else {
            md.append('\n');
        }
    }

    private static String targetCell(TargetCheck target) {
        if (target == null) {
            return "";
        }
        return target.comparison().symbol() + " " + Format.threshold(target.threshold()) + ": " + target.mark();
    }
}
