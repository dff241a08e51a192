package io.github.primeflow.benchmarks.paired;

import io.github.primeflow.benchmarks.report.TargetCheck;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The markdown report of a paired run: one row per backend and work, both verdicts next to their targets. */
final class PairedReport {

    private PairedReport() {
    }

    /**
     * Writes the report.
     *
     * @param summaries one per backend and work, in the order to show
     * @param started when the run started
     * @param warmupRounds warm-up rounds of each work, per backend
     * @param rounds measured rounds of each work, per backend
     * @param cores the parallelism of the backends and the control's thread count
     * @param java the JVM's version
     * @param loadBefore the load average before the run
     * @param loadAfter the load average after it
     * @return the markdown
     */
    static String markdown(List<PairedSummary> summaries, Instant started, int warmupRounds, int rounds, int cores,
            String java, String loadBefore, String loadAfter) {
        StringBuilder out = new StringBuilder();
        out.append("# Workload A in paired rounds\n\n");
        out.append(String.format(Locale.ROOT, "Started %s; %d cores; Java %s; load average %s before, %s after.%n%n",
                started, cores, java, loadBefore, loadAfter));
        out.append(String.format(Locale.ROOT, "One JVM per backend, %d warm-up and %d measured rounds of each work. "
                + "A round times its work five ways back to back, in groups in a drawn order: one plain thread and "
                + "every core at once (the control: each core's speed against one thread alone, summed); "
                + "`sequential`, the backend at parallelism %d (the speedup) and plain Java code with the same "
                + "kernel on %d pooled threads, the backend in the middle. Medians over rounds, with 95 %% "
                + "intervals in brackets; a verdict needs %d rounds.%n%n",
                warmupRounds, rounds, cores, cores, PairedSummary.MIN_ROUNDS));
        out.append(String.format(Locale.ROOT, "- *Share of the cores*: the speedup over the control's, round by "
                + "round, against the target divided by %d (what the backend loses where the machine's cores "
                + "are what they are).%n", cores));
        out.append(String.format(Locale.ROOT, "- *Target as written*: the speedup over `sequential` in the "
                + "*full-core rounds* only, whose control reached %.2f× (%.1f %% of %d cores).%n",
                PairedSummary.FULL_CORE_SHARE * cores, PairedSummary.FULL_CORE_SHARE * 100, cores));
        out.append("- *Backend / plain code*: the plain program's time over the backend's, round by round (above 1: "
                + "the backend was faster); no target, it tells a loss of the backend's own from one that plain "
                + "code with the same kernel has too.\n\n");
        out.append("| work | backend | control | speedup, all rounds | speedup / control | share target | "
                + "verdict on the share | full-core rounds | speedup, full-core rounds | target | "
                + "verdict as written | backend / plain code |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (PairedSummary summary : summaries) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | ≥ %.2f | %s | %d of %d | %s | ≥ %.1f× "
                    + "| %s | %s |%n",
                    summary.work().description(), summary.backend(), times(summary.control()),
                    times(summary.speedup()), share(summary.shareOfControl()), summary.shareTarget(),
                    mark(summary.shareVerdict(), "too few rounds"), summary.fullCoreRounds(),
                    summary.speedup().count(), summary.fullCoreSpeedup().map(PairedReport::times).orElse("–"),
                    summary.work().target(), mark(summary.verdict(), "too few full-core rounds"),
                    share(summary.versusPlain())));
        }
        return out.toString();
    }

    private static String mark(Optional<TargetCheck> verdict, String whyNone) {
        return verdict.map(TargetCheck::mark).orElse("no verdict (" + whyNone + ")");
    }

    private static String times(Median median) {
        return share(median).replaceFirst(" ", "× ");
    }

    private static String share(Median median) {
        return String.format(Locale.ROOT, "%.2f [%.2f–%.2f]", median.value(), median.low(), median.high());
    }
}
