package io.github.primeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckCommandTest {
    private static final String ELAPSED = " +\\d+\\.\\d{6}s";

    /** The launcher's class-archive training run: checks on every local backend, prints nothing, not in --help. */
    @Test
    void theHiddenTrainingRunSucceedsSilently() {
        Cli.Result r = Cli.run("train");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(Cli.run("--help").out()).doesNotContain("train");
    }

    @Test
    void printsTheSeedsFormatForSmallInputs() {
        Cli.Result r = Cli.run("check", "--algorithm", "miller-rabin", "2", "4", "97");

        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.outLines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches("               2  P" + ELAPSED).hasSize(30);
        assertThat(lines.get(1)).matches("               4   " + ELAPSED).hasSize(30);
        assertThat(lines.get(2)).matches("              97  P" + ELAPSED).hasSize(30);
        assertThat(lines.get(3)).matches("3 checks in \\d+\\.\\d\\ds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sequential", "reactor", "rxjava", "vertx", "loom"})
    void everyBackendGivesTheSameVerdictsInInputOrder(String backend) {
        Cli.Result r = Cli.run("check", "--backend", backend, "--algorithm", "miller-rabin", "--range", "1", "30");

        assertThat(r.code()).as(r.err()).isZero();
        List<String> verdicts = r.outLines().subList(0, 30).stream()
                .map(l -> l.substring(0, 19).strip()).toList();
        assertThat(verdicts).containsExactlyElementsOf(LongStream.rangeClosed(1, 30)
                .mapToObj(n -> isPrime(n) ? n + "  P" : Long.toString(n)).toList());
        assertThat(r.outLines().get(30)).startsWith("30 checks in ");
    }

    @Test
    void completionOrderReturnsEveryNumberOnce() {
        Cli.Result r = Cli.run("check", "--backend", "rxjava", "--order", "completion", "--workers", "2",
                "--algorithm", "miller-rabin", "--range", "100", "199");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines().subList(0, 100)).extracting(l -> Long.parseLong(l.substring(0, 16).strip()))
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(100, 199).boxed().toList());
    }

    @Test
    void readsNumbersFromStdin() {
        Cli.Result r = Cli.runWithStdin("5\n 6 \n7\n", "check", "--backend", "reactor", "--algorithm",
                "miller-rabin", "-");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines()).hasSize(4);
        assertThat(r.outLines().get(0)).matches("               5  P" + ELAPSED);
        assertThat(r.outLines().get(1)).matches("               6   " + ELAPSED);
        assertThat(r.outLines().get(2)).matches("               7  P" + ELAPSED);
        assertThat(r.outLines().get(3)).startsWith("3 checks in ");
    }

    @Test
    void aBadStdinLineEndsTheRunAfterEveryNumberBeforeItWasPrinted() {
        int good = LineBlocks.MAX_BLOCK + 4_000; // two blocks, the second read while the first is checked
        StringBuilder stdin = new StringBuilder();
        for (int n = 1; n <= good; n++) {
            stdin.append(n).append('\n');
        }
        stdin.append("x\n").append(7).append('\n');

        Cli.Result r = Cli.runWithStdin(stdin.toString(), "check", "--backend", "vertx", "--algorithm",
                "miller-rabin", "-");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("primeflow: stdin line " + (good + 1) + ": 'x' is not a number");
        List<String> lines = r.outLines();
        assertThat(lines).hasSize(good);
        for (int n = 1; n <= good; n += 997) {
            assertThat(lines.get(n - 1)).startsWith(String.format(java.util.Locale.ROOT, "%16d  %s", n,
                    isPrime(n) ? "P" : " "));
        }
        assertThat(lines.get(good - 1)).startsWith(String.format(java.util.Locale.ROOT, "%16d", good));
    }

    @Test
    void emptyStdinIsZeroChecks() {
        Cli.Result r = Cli.runWithStdin("", "check", "--algorithm", "miller-rabin", "-");

        assertThat(r.code()).isZero();
        assertThat(r.outLines()).singleElement().asString().startsWith("0 checks in ");
    }

    private static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
