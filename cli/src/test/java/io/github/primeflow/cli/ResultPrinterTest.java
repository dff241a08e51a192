package io.github.primeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.PrimeResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {

    /** The seed's format as the CLI printed it before it formatted lines itself. */
    private static String seedFormat(long n, boolean prime, long nanos) {
        return String.format(Locale.ROOT, "%16d  %s %9.6fs", n, prime ? "P" : " ", nanos / 1e9);
    }

    @Test
    void formatsExactlyAsStringFormatDoes() {
        long[] numbers = {0, 1, 2, 97, -1, -97, 999_999_999_999_999L, 1_000_000_000_000_000L,
            9999999999999917L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        long[] nanos = {0, 1, 499, 500, 501, 999, 1000, 1499, 1500, 999_499, 999_500, 999_999_499L,
            999_999_500L, 9_999_999_500L, 12_345_678_901L, 99_999_999_500L, 123_456_789_012_345L,
            Long.MAX_VALUE};
        for (long n : numbers) {
            for (long t : nanos) {
                for (boolean prime : new boolean[] {true, false}) {
                    assertThat(ResultPrinter.line(new PrimeResult(n, prime, t))).isEqualTo(seedFormat(n, prime, t));
                }
            }
        }
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 200_000; i++) {
            long n = random.nextLong() >> random.nextInt(64);
            long t = random.nextLong(0, 1L << random.nextInt(1, 48));
            boolean prime = random.nextBoolean();
            assertThat(ResultPrinter.line(new PrimeResult(n, prime, t))).isEqualTo(seedFormat(n, prime, t));
        }
    }

    @Test
    void aLineReachesTheWriterSoonWithoutAFlush() {
        StringWriter text = new StringWriter();
        try (ResultPrinter printer = ResultPrinter.to(new PrintWriter(text))) {
            printer.print(new PrimeResult(97, true, 1_000));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> text.toString().equals(seedFormat(97, true, 1_000) + "\n"));
        }
    }

    @Test
    void closeHandsOverEveryLineAndStopsTheTimer() {
        StringWriter text = new StringWriter();
        ResultPrinter printer = ResultPrinter.to(new PrintWriter(text));
        StringBuilder expected = new StringBuilder();
        for (int n = 0; n < 10_000; n++) {
            printer.print(new PrimeResult(n, n % 3 == 0, n * 7L));
            expected.append(seedFormat(n, n % 3 == 0, n * 7L)).append('\n');
        }
        printer.close();
        assertThat(text.toString()).isEqualTo(expected.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("primeflow-flush")));
    }
}
