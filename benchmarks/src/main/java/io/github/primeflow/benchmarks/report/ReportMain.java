package io.github.primeflow.benchmarks.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The report generator: reads JMH's JSON and workload D's JSON of one run, writes {@code latest.json},
 * {@code results.md} and {@code chart.svg} into the results folder, and rewrites the results section of the
 * benchmarks README.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.primeflow.benchmarks.report.ReportMain --jmh FILE
 * [--liveness FILE] --out DIR [--readme FILE] [--mode LABEL] [--cores N] [--note TEXT]}. The note (the launcher
 * passes the machine's load average) is printed above the tables: figures from a loaded machine mean little.
 */
public final class ReportMain {

    private ReportMain() {
    }

    /**
     * Generates the report.
     *
     * @param args see the class documentation
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path jmh = null;
        Path liveness = null;
        Path out = null;
        Path readme = null;
        String mode = "custom";
        String note = null;
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--jmh" -> jmh = Path.of(value);
                case "--liveness" -> liveness = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--readme" -> readme = Path.of(value);
                case "--mode" -> mode = value;
                case "--cores" -> cores = Integer.parseInt(value);
                case "--note" -> note = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0 || jmh == null || out == null) {
            throw new IllegalArgumentException(
                    "usage: --jmh FILE [--liveness FILE] --out DIR [--readme FILE] [--mode LABEL] [--cores N] [--note TEXT]");
        }
        List<JmhResult> results = JmhJson.parse(Files.readString(jmh));
        List<LivenessRun> runs = liveness != null && Files.exists(liveness)
                ? LivenessRun.parse(Files.readString(liveness))
                : List.of();
        String jdk = System.getProperty("java.vm.vendor", "") + " " + Runtime.version();
        Report report = Analysis.analyse(results, runs, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                jdk.strip(), cores, mode);
        write(out, report, readme, note);
        System.out.println("report: " + report.targets().stream().filter(TargetCheck::met).count() + " of "
                + report.targets().size() + " targets met; wrote " + out.resolve("results.md"));
    }

    /**
     * Writes the three result files and, if given, the README section.
     *
     * @param out the results folder (created if missing)
     * @param report the report
     * @param readme the README to update, or {@code null}
     * @param note a remark about the run shown above the tables, or {@code null}
     * @throws IOException if a file cannot be written
     */
    static void write(Path out, Report report, Path readme, String note) throws IOException {
        Files.createDirectories(out);
        String markdown = (note == null || note.isBlank() ? "" : "> " + note.strip() + "\n\n")
                + MarkdownReport.render(report);
        Files.writeString(out.resolve("latest.json"),
                new JsonObject(JsonReport.render(report)).put("note", note).encodePrettily() + "\n");
        Files.writeString(out.resolve("results.md"), "# primeflow benchmark results\n\n" + markdown);
        Files.writeString(out.resolve("chart.svg"), SvgChart.render(report));
        if (readme != null) {
            Path chart = readme.toAbsolutePath().getParent().relativize(out.toAbsolutePath().resolve("chart.svg"));
            String section = markdown + "\n![Speedup and relative throughput per backend](" + chart + ")\n";
            Files.writeString(readme, ReadmeSection.replace(Files.readString(readme), section));
        }
    }
}
