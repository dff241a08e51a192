package io.github.primeflow.benchmarks.report;

import java.util.List;
import java.util.Locale;

/**
 * Draws the report's ratios as horizontal bar charts in one SVG: speedup over {@code sequential} for workload
 * A (the batch and the single prime) and throughput relative to {@code LongStream.parallel()} for B and C.
 * Each bar shows the ratio of medians with an error whisker (clipped to the axis); a dashed line marks the
 * target; green bars meet it, red ones miss it, grey ones (baselines) have none. Plain SVG 1.1,
 * no scripts or external resources, so it renders on GitHub and in any browser.
 */
public final class SvgChart {

    private static final int WIDTH = 760;
    private static final int LABEL_WIDTH = 190;
    private static final int VALUE_WIDTH = 110;
    private static final int BAR_HEIGHT = 14;
    private static final int ROW_HEIGHT = 20;
    private static final int PANEL_HEADER = 28;
    private static final int PANEL_GAP = 16;
    private static final List<String> CHARTED = List.of("A", "A1", "B", "C");

    private SvgChart() {
    }

    /**
     * Renders the chart.
     *
     * @param report the report
     * @return an SVG document
     */
    public static String render(Report report) {
        List<Section> panels = report.sections().stream().filter(s -> CHARTED.contains(s.id())).toList();
        StringBuilder body = new StringBuilder();
        int y = 30;
        for (Section section : panels) {
            y = panel(body, section, y) + PANEL_GAP;
        }
        int height = Math.max(y, 60);
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
                .append(text(8, 18, "primeflow benchmarks, " + report.date() + ", JDK " + report.jdk() + ", "
                        + report.cores() + " cores (" + report.mode() + ")", "font-weight=\"bold\""))
                .append(body);
        if (panels.isEmpty()) {
            svg.append(text(8, 45, "no ratios in this run", ""));
        }
        return svg.append("</svg>\n").toString();
    }

    private static int panel(StringBuilder svg, Section section, int top) {
        List<Row> rows = section.rows().stream().filter(r -> r.ratio() != null).toList();
        double target = section.rows().stream().filter(r -> r.target() != null)
                .mapToDouble(r -> r.target().threshold()).findFirst().orElse(Double.NaN);
        // The axis follows the medians, not the whiskers: a noisy run's wide intervals would squash every bar.
        double max = rows.stream().mapToDouble(r -> r.ratio().value()).filter(Double::isFinite).max().orElse(1);
        if (Double.isFinite(target)) {
            max = Math.max(max, target);
        }
        max *= 1.25;
        double plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 16;
        svg.append(text(8, top + 16, section.title() + ": " + section.ratioLabel(), "font-weight=\"bold\""));
        int y = top + PANEL_HEADER;
        for (Row row : rows) {
            String label = row.subject() + (row.parallelism() == null ? "" : " (p=" + row.parallelism() + ")");
            double width = Math.min(max, Math.max(0, row.ratio().value())) / max * plotWidth;
            boolean missed = row.target() != null && !row.target().met();
            String fill = row.target() == null ? "#9aa5b1" : missed ? "#d9534f" : "#3c8d5a";
            svg.append(text(8, y + BAR_HEIGHT - 2, label, ""));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    LABEL_WIDTH, y, width, BAR_HEIGHT, fill));
            if (row.ratio().hasError()) {
                double low = Math.max(0, row.ratio().low()) / max * plotWidth + LABEL_WIDTH;
                double high = Math.min(max, row.ratio().high()) / max * plotWidth + LABEL_WIDTH;
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>%n",
                        low, y + BAR_HEIGHT / 2, high, y + BAR_HEIGHT / 2));
            }
            svg.append(text(WIDTH - VALUE_WIDTH - 8, y + BAR_HEIGHT - 2, Format.ratio(row.ratio()), ""));
            y += ROW_HEIGHT;
        }
        if (Double.isFinite(target)) {
            double x = target / max * plotWidth + LABEL_WIDTH;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>%n",
                    x, top + PANEL_HEADER - 4, x, y));
            svg.append(text((int) x + 3, top + PANEL_HEADER - 6, "target " + Format.threshold(target) + "×",
                    "font-size=\"10\""));
        }
        return y;
    }

    private static String text(int x, int y, String content, String attributes) {
        return "<text x=\"" + x + "\" y=\"" + y + "\"" + (attributes.isEmpty() ? "" : " " + attributes) + ">"
                + escape(content) + "</text>\n";
    }

    /** Escapes the characters that are markup in SVG text and attribute values. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
