package io.github.primeflow.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.SeedNumbers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import reactor.adapter.JdkFlowAdapter;

/**
 * The root README's first example, run as a user runs it: the Reactor backend is the one backend on the class
 * path, and the example prints what README.md shows under it. api's ReadmeSnippetsTest keeps the README's
 * block equal to the region below.
 */
class ReadmeExampleTest {

    @Test
    void theHeadlineExamplePrintsWhatTheReadmeShows() {
        String out = stdoutOf(ReadmeExampleTest::headline);

        assertThat(out.lines()).satisfiesExactly(
                first -> assertThat(first).matches("9999999999999917 is prime in PT\\d+(\\.\\d+)?S"),
                second -> assertThat(second).isEqualTo("9 of 20 are prime"));
    }

    static void headline() {
        // snippet:headline
        try (PrimeChecker checker = PrimeCheckers.create()) {          // the backend artifact on the class path
            PrimeResult r = checker.checkAsync(9_999_999_999_999_917L).join();
            System.out.println(r.number() + (r.prime() ? " is prime" : " is composite") + " in " + r.elapsed());

            Flow.Publisher<PrimeResult> results = checker.check(SeedNumbers.toArray());  // backpressured stream
            long primes = JdkFlowAdapter.flowPublisherToFlux(results)  // any Flow consumer; Reactor here
                    .filter(PrimeResult::prime).count()
                    .block();                                          // wait for the end before close()
            System.out.println(primes + " of " + SeedNumbers.list().size() + " are prime");
        }
        // end:headline
    }

    /** What {@code example} prints on System.out. */
    static String stdoutOf(Runnable example) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            example.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
