package io.github.primeflow.cli;

import java.util.List;
import java.util.Locale;

/** Renders a comparison as a text table, JSON, or a self-contained HTML page with an SVG bar chart. */
final class Report {
    private final String algorithm;
    private final int workers;
    private final int repeat;
    private final int cores;
    private final List<CompareCommand.Run> runs;
    private final double baseline;

    Report(String algorithm, int workers, int repeat, int cores, List<CompareCommand.Run> runs) {
        this.algorithm = algorithm;
        this.workers = workers;
        this.repeat = repeat;
        this.cores = cores;
        this.runs = List.copyOf(runs);
        this.baseline = runs.get(0).wallSeconds();
    }

    double speedup(CompareCommand.Run run) {
        return run.wallSeconds() == 0 ? 0 : baseline / run.wallSeconds();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    String table() {
        StringBuilder t = new StringBuilder();
        t.append(f("primeflow compare: %d seed numbers, %s, %d cores, %d workers, median of %d run(s)%n",
                runs.get(0).numbers(), algorithm, cores, workers, repeat));
        t.append(f("%-11s %8s %8s %8s %6s %12s %12s%n",
                "backend", "wall s", "speedup", "bound", "cpu %", "loop max ms", "loop p99 ms"));
        for (CompareCommand.Run r : runs) {
            t.append(f("%-11s %8.3f %7.2fx %7.2fx %5.0f%% %12.1f %12.1f%n", r.backend(), r.wallSeconds(),
                    speedup(r), r.criticalPathBound(), 100 * r.cpuUtilisation(), r.loopMaxMillis(),
                    r.loopP99Millis()));
        }
        t.append(f("bound: the speedup the critical path allows = total check time / max(longest check,"
                + " total / %d cores).%n", cores));
        t.append(f("loop: lateness of a 100 ms spinner tick on a single-threaded event loop; sequential runs on"
                + " that loop and freezes it.%n"));
        return t.toString();
    }

    String json() {
        StringBuilder j = new StringBuilder();
        j.append(f("{\"algorithm\":\"%s\",\"cores\":%d,\"workers\":%d,\"repeat\":%d,\"backends\":[",
                algorithm, cores, workers, repeat));
        for (int i = 0; i < runs.size(); i++) {
            CompareCommand.Run r = runs.get(i);
            j.append(i == 0 ? "" : ",");
            j.append(f("{\"name\":\"%s\",\"numbers\":%d,\"primes\":%d,\"wallSeconds\":%.6f,\"speedup\":%.4f,"
                    + "\"criticalPathBound\":%.4f,\"kernelSeconds\":%.6f,\"longestCheckSeconds\":%.6f,"
                    + "\"cpuUtilisation\":%.4f,\"loopMaxLatenessMillis\":%.3f,\"loopP99LatenessMillis\":%.3f}",
                    r.backend(), r.numbers(), r.primes(), r.wallSeconds(), speedup(r), r.criticalPathBound(),
                    r.kernelSeconds(), r.longestSeconds(), r.cpuUtilisation(), r.loopMaxMillis(),
                    r.loopP99Millis()));
        }
        j.append(f("]}%n"));
        return j.toString();
    }

    String html() {
        int barHeight = 28;
        int width = 640;
        int labelWidth = 110;
        double max = runs.stream().mapToDouble(r -> Math.max(speedup(r), r.criticalPathBound())).max().orElse(1);
        StringBuilder svg = new StringBuilder();
        int height = runs.size() * (barHeight + 8) + 10;
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\""
                + " aria-label=\"speedup over sequential\">%n", width, height));
        for (int i = 0; i < runs.size(); i++) {
            CompareCommand.Run r = runs.get(i);
            int y = 5 + i * (barHeight + 8);
            double scale = (width - labelWidth - 70) / max;
            svg.append(f("<text x=\"0\" y=\"%d\" font-size=\"14\">%s</text>%n", y + 19, escape(r.backend())));
            svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#4a7bd0\"/>%n",
                    labelWidth, y, speedup(r) * scale, barHeight));
            svg.append(f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#c03\" stroke-width=\"2\"/>%n",
                    labelWidth + r.criticalPathBound() * scale, labelWidth + r.criticalPathBound() * scale, y,
                    y + barHeight));
            svg.append(f("<text x=\"%.1f\" y=\"%d\" font-size=\"13\">%.2fx</text>%n",
                    labelWidth + speedup(r) * scale + 6, y + 19, speedup(r)));
        }
        svg.append("</svg>\n");
        StringBuilder rows = new StringBuilder();
        for (CompareCommand.Run r : runs) {
            rows.append(f("<tr><td>%s</td><td>%.3f</td><td>%.2fx</td><td>%.2fx</td><td>%.0f%%</td><td>%.1f</td>"
                    + "<td>%.1f</td></tr>%n", escape(r.backend()), r.wallSeconds(), speedup(r),
                    r.criticalPathBound(), 100 * r.cpuUtilisation(), r.loopMaxMillis(), r.loopP99Millis()));
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>primeflow compare</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child{text-align:left}"
                + "</style></head><body>\n"
                + f("<h1>primeflow compare</h1>%n<p>%d seed numbers, %s, %d cores, %d workers, median of %d run(s)."
                        + "</p>%n", runs.get(0).numbers(), escape(algorithm), cores, workers, repeat)
                + "<h2>Speedup over sequential</h2>\n<p>Bars: measured speedup; red line: critical-path bound.</p>\n"
                + svg
                + "<h2>Spinner lateness over time</h2>\n<p>Each point is one 100 ms tick of the spinner on the"
                + " event loop: how late it ran (ms, log scale) against the time since the run started.</p>\n"
                + latenessChart()
                + "<table><tr><th>backend</th><th>wall s</th><th>speedup</th><th>bound</th><th>cpu</th>"
                + "<th>loop max ms</th><th>loop p99 ms</th></tr>\n" + rows + "</table>\n</body></html>\n";
    }

    /** One polyline per backend: tick lateness (log scale, so 1 ms and 1 s both show) over the run's time. */
    private String latenessChart() {
        String[] colours = {"#c03", "#4a7bd0", "#2a2", "#d80", "#829", "#088", "#555"};
        int width = 640;
        int height = 260;
        int left = 50;
        int bottom = 30;
        double maxSeconds = runs.stream().flatMap(r -> r.latenessTimeline().stream()).mapToDouble(p -> p[0])
                .max().orElse(1);
        double maxLog = Math.log10(Math.max(10, runs.stream().flatMap(r -> r.latenessTimeline().stream())
                .mapToDouble(p -> p[1]).max().orElse(10)));
        StringBuilder svg = new StringBuilder(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" role=\"img\" aria-label=\"spinner lateness over time\">%n", width + 130, height));
        svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left, height - bottom,
                width, height - bottom));
        svg.append(f("<line x1=\"%d\" y1=\"5\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left, left,
                height - bottom));
        for (int decade = 0; decade <= (int) Math.ceil(maxLog); decade++) {
            double y = yFor(Math.pow(10, decade), maxLog, height, bottom);
            svg.append(f("<text x=\"0\" y=\"%.1f\" font-size=\"11\">%s ms</text>%n", y + 4,
                    decade == 0 ? "1" : "1e" + decade));
        }
        svg.append(f("<text x=\"%d\" y=\"%d\" font-size=\"11\">%.1f s</text>%n", width - 30, height - 8,
                maxSeconds));
        for (int i = 0; i < runs.size(); i++) {
            CompareCommand.Run r = runs.get(i);
            String colour = colours[i % colours.length];
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder(); // a frozen loop has a single, very late tick: a line hides it
            for (double[] p : r.latenessTimeline()) {
                double x = left + (width - left) * p[0] / maxSeconds;
                double y = yFor(Math.max(1, p[1]), maxLog, height, bottom);
                points.append(f("%.1f,%.1f ", x, y));
                dots.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, colour));
            }
            svg.append(dots);
            svg.append(f("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour,
                    points.toString().trim()));
            svg.append(f("<text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"%s\">%s</text>%n", width + 10,
                    20 + 18 * i, colour, escape(r.backend())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static double yFor(double millis, double maxLog, int height, int bottom) {
        return (height - bottom) - (height - bottom - 10) * Math.log10(millis) / maxLog;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
