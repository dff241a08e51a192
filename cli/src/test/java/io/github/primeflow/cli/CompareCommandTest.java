package io.github.primeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    private static final String NUM = "-?\\d+(\\.\\d+)?";
    private static final Pattern BACKEND = Pattern.compile("\\{\"name\":\"(\\w+)\",\"numbers\":20,\"primes\":9,"
            + "\"wallSeconds\":" + NUM + ",\"speedup\":" + NUM + ",\"criticalPathBound\":" + NUM
            + ",\"kernelSeconds\":" + NUM + ",\"longestCheckSeconds\":" + NUM + ",\"cpuUtilisation\":" + NUM
            + ",\"loopMaxLatenessMillis\":" + NUM + ",\"loopP99LatenessMillis\":" + NUM + "}");

    @Test
    void jsonListsEveryBackendOnTheClassPathWithNumericFields() {
        Cli.Result r = Cli.run("compare", "--algorithm", "miller-rabin", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\"algorithm\":\"Miller-Rabin\",\"cores\":"
                + Runtime.getRuntime().availableProcessors() + ",").endsWith("]}" + System.lineSeparator());
        List<String> names = new ArrayList<>();
        Matcher m = BACKEND.matcher(r.out());
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).containsExactly("sequential", "loom", "reactor", "rxjava", "vertx");
        assertThat(field(r.out(), "sequential", "speedup")).isEqualTo(1.0);
        assertThat(field(r.out(), "loom", "cpuUtilisation")).isNotNegative(); // 10 ms CPU-clock ticks: a short run may read 0
    }

    @Test
    void tableAndHtmlForChosenBackends(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");

        Cli.Result r = Cli.run("compare", "--algorithm", "miller-rabin", "--backends", "rxjava", "--repeat", "3",
                "--workers", "2", "--html", html.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines().get(0)).startsWith("primeflow compare: 20 seed numbers, Miller-Rabin, ")
                .contains("2 workers, median of 3 run(s)");
        assertThat(r.outLines().get(1)).startsWith("backend").contains("speedup", "bound", "cpu %", "loop max ms");
        assertThat(r.outLines().get(2)).matches("sequential +\\d+\\.\\d{3} +1\\.00x +\\d+\\.\\d\\dx .*");
        assertThat(r.outLines().get(3)).matches("rxjava +\\d+\\.\\d{3} +\\d+\\.\\d\\dx +\\d+\\.\\d\\dx .*");
        assertThat(r.outLines().get(4)).startsWith("bound: ");
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg", "<rect", ">sequential<", ">rxjava<")
                .doesNotContain("<script", "src=", "href=", "@import");
        assertThat(page).as("the spinner-lateness chart: one line per backend")
                .contains("Spinner lateness over time").containsPattern("(?s)(<polyline .*){2}");
    }

    /**
     * With no subcommand, {@code compare} runs with trial division on every backend. The lesson: trial
     * division on the loop thread (sequential) freezes the spinner, the asynchronous backends do not.
     */
    @Test
    void noSubcommandComparesEveryBackendAndOnlySequentialFreezesTheLoop() {
        Cli.Result r = Cli.run();

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines().get(0)).startsWith("primeflow compare: 20 seed numbers, trial division, ");
        List<String[]> rows = r.outLines().subList(2, 7).stream().map(l -> l.split(" +")).toList();
        assertThat(rows).extracting(row -> row[0]).containsExactly("sequential", "loom", "reactor", "rxjava", "vertx");
        double sequentialWallMillis = Double.parseDouble(rows.get(0)[1]) * 1000;
        // The sequential run holds the loop from the moment the spinner starts: its first tick, due after one
        // period, fires when the run ends (25 ms for the timer and the run's own start and end).
        double tickMillis = EventLoop.TICK_NANOS / 1e6;
        assertThat(Double.parseDouble(rows.get(0)[5])).as("sequential loop max ms")
                .isGreaterThan(sequentialWallMillis - tickMillis - 25);
        for (String[] row : rows.subList(1, rows.size())) {
            assertThat(Double.parseDouble(row[5])).as(row[0] + " loop max ms").isLessThan(sequentialWallMillis / 4);
            assertThat(Double.parseDouble(row[3].replace("x", ""))).as(row[0] + " bound")
                    .isBetween(1.0, Runtime.getRuntime().availableProcessors() + 0.001);
        }
    }

    private static double field(String json, String backend, String name) {
        Matcher m = Pattern.compile("\\{\"name\":\"" + backend + "\"[^}]*\"" + name + "\":(" + NUM + ")")
                .matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
