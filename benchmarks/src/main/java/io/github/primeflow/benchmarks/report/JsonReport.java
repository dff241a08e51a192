package io.github.primeflow.benchmarks.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Writes a {@link Report} as {@code latest.json}: the same figures as the tables, machine-readable, so a later
 * run can be compared with this one.
 */
public final class JsonReport {

    private JsonReport() {
    }

    /**
     * The report as pretty-printed JSON.
     *
     * @param report the report
     * @return a JSON object
     */
    public static String render(Report report) {
        JsonArray sections = new JsonArray();
        for (Section section : report.sections()) {
            JsonArray rows = new JsonArray();
            for (Row row : section.rows()) {
                rows.add(new JsonObject()
                        .put("subject", row.subject())
                        .put("parallelism", row.parallelism())
                        .put("score", estimate(row.score()))
                        .put("unit", row.unit())
                        .put("ratio", estimate(row.ratio()))
                        .put("vsNaive", estimate(row.naiveRatio()))
                        .put("target", row.target() == null ? null : row.target().id()));
            }
            sections.add(new JsonObject().put("id", section.id()).put("title", section.title())
                    .put("ratio", section.ratioLabel()).put("rows", rows));
        }
        JsonArray liveness = new JsonArray();
        for (LivenessRun run : report.liveness()) {
            liveness.add(new JsonObject()
                    .put("backend", run.backend())
                    .put("kind", run.kind())
                    .put("loop", run.loop())
                    .put("ticks", run.ticks())
                    .put("p50Ms", run.p50Ms())
                    .put("p99Ms", run.p99Ms())
                    .put("maxMs", run.maxMs())
                    .put("checkedPerSecond", run.checkedPerSecond())
                    .put("p99PerRoundMs", new JsonArray(run.p99PerRoundMs())));
        }
        JsonArray targets = new JsonArray();
        for (TargetCheck target : report.targets()) {
            targets.add(new JsonObject()
                    .put("id", target.id())
                    .put("description", target.description())
                    .put("measured", estimate(target.measured()))
                    .put("comparison", target.comparison().symbol())
                    .put("threshold", target.threshold())
                    .put("met", target.met())
                    .put("conclusive", target.conclusive()));
        }
        return new JsonObject()
                .put("date", report.date())
                .put("jdk", report.jdk())
                .put("cores", report.cores())
                .put("mode", report.mode())
                .put("sections", sections)
                .put("liveness", liveness)
                .put("targets", targets)
                .encodePrettily() + "\n";
    }

    private static JsonObject estimate(Estimate e) {
        if (e == null) {
            return null;
        }
        return new JsonObject().put("value", finite(e.value())).put("error", finite(e.error()));
    }

    /** JSON has no NaN: unknown values become {@code null}. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
