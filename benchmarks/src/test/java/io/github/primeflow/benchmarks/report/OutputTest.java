package io.github.primeflow.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class OutputTest {

    private final Report report = Fixtures.report();

    @Test
    void chartIsWellFormedSvgWithOneBarPerRatio() throws Exception {
        Document svg = parseXml(SvgChart.render(report));

        assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
        // A: 4 baselines + the all-cores control + 8 backend rows; A1: 5; B and C: 6 baselines + 4 backends each (the
        // fixture has no forLoop or jobQueue there). Plus the background.
        long bars = 13 + 5 + 10 + 10;
        assertThat(svg.getElementsByTagName("rect").getLength()).isEqualTo((int) bars + 1);
    }

    @Test
    void chartEscapesMarkupInLabels() throws Exception {
        Report odd = Analysis.analyse(Fixtures.fullRun(), List.of(), "<today> & now", "JDK \"25\"", 2, "a<b");

        String svg = SvgChart.render(odd);

        parseXml(svg); // would throw if & or < leaked through
        assertThat(svg).contains("&lt;today&gt; &amp; now");
    }

    @Test
    void chartOfARunWithoutRatiosIsStillWellFormed() throws Exception {
        Report empty = Analysis.analyse(List.of(), List.of(), "d", "jdk", 2, "empty");

        assertThat(parseXml(SvgChart.render(empty)).getDocumentElement().getNodeName()).isEqualTo("svg");
    }

    @Test
    void markdownHasATablePerWorkloadAndListsTheMisses() {
        String md = MarkdownReport.render(report);

        assertThat(md).contains("### A. Coarse", "### B. Fine", "### C. Very fine", "### Kernels", "### D. Liveness");
        assertThat(md).contains("| vertx | 2 | 600 ± 4.50 ms/op | 1.50× ± 0.0188 | >= 1.9: MISSED |");
        assertThat(md).contains("**Targets: 17 of 22 met.**");
        assertThat(md).contains("- seed batch: vertx speedup over sequential, parallelism 2 (plain loops on all cores: 1.90× ± 0.0262): 1.50 ± 0.0188,"
                + " target >= 1.9");
        assertThat(md).containsPattern("\\| control \\| caller loop, no pipeline \\| 1000 \\| [^|]+ \\| 7\\.0+ \\| 0\\.90*, 7\\.0+, 8\\.0+ \\|"
                + " 9\\.0+ \\|  \\| none: the machine's floor \\|");
    }

    @Test
    void jsonCarriesEveryTargetWithItsVerdict() {
        JsonObject json = new JsonObject(JsonReport.render(report));

        assertThat(json.getInteger("cores")).isEqualTo(2);
        assertThat(json.getJsonArray("targets").size()).isEqualTo(report.targets().size());
        JsonObject first = json.getJsonArray("targets").getJsonObject(0);
        assertThat(first.getString("id")).isEqualTo("A.seed.reactor");
        assertThat(first.getBoolean("met")).isTrue();
        assertThat(json.getJsonArray("liveness").getJsonObject(2).getDouble("maxMs")).isEqualTo(70.0);
    }

    @Test
    void readmeSectionIsReplacedBetweenTheMarkersAndCanBeReplacedAgain() {
        String readme = "# Title\n\nintro\n" + ReadmeSection.START + "\nold table\n" + ReadmeSection.END + "\nfooter\n";

        String once = ReadmeSection.replace(readme, "new table");
        String twice = ReadmeSection.replace(once, "newer table\n");

        assertThat(once).isEqualTo("# Title\n\nintro\n" + ReadmeSection.START + "\nnew table\n" + ReadmeSection.END
                + "\nfooter\n");
        assertThat(twice).contains("newer table").doesNotContain("new table\n" + ReadmeSection.END);
        assertThat(twice).startsWith("# Title").endsWith("footer\n");
    }

    @Test
    void readmeWithoutOrWithBrokenMarkersIsRejected() {
        assertThatThrownBy(() -> ReadmeSection.replace("no markers", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadmeSection.replace(ReadmeSection.END + ReadmeSection.START, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadmeSection.replace(
                ReadmeSection.START + ReadmeSection.END + ReadmeSection.START + ReadmeSection.END, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeProducesTheThreeFilesAndLinksTheChartFromTheReadme(@TempDir Path dir) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "top\n" + ReadmeSection.START + "\n" + ReadmeSection.END + "\n");

        ReportMain.write(dir.resolve("results"), report, readme, "load average 9.5");

        assertThat(new JsonObject(Files.readString(dir.resolve("results/latest.json"))).getString("note"))
                .isEqualTo("load average 9.5");
        assertThat(dir.resolve("results/chart.svg")).exists();
        assertThat(Files.readString(dir.resolve("results/results.md"))).startsWith("# primeflow benchmark results");
        assertThat(Files.readString(readme)).contains("](results/chart.svg)", "2026-11-25T18:00:00Z", "2 cores",
                "> load average 9.5");
    }

    private static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
