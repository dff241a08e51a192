package io.github.primeflow.cli;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Model.CommandSpec;

/** {@code primeflow spinner}: the seed's spinner experiment on a single-threaded event loop. */
final class SpinnerCommand implements Callable<Integer> {
    private static final String FRAMES = "\\|/-";

    private final PrimeflowCli root;
    private final CommandSpec spec;

    SpinnerCommand(PrimeflowCli root) {
        this.root = root;
        spec = CommandSpecs.command(this, "spinner",
                "Reruns the seed's spinner experiment and measures how long the event loop stalls.",
                "The seed's spinner experiment: a 100 ms spinner ticks on a single-threaded event loop while a large"
                        + " prime (10^18 + 3) is checked by trial division through the backend (the loop keeps"
                        + " ticking) or, with --block-the-loop, directly on the loop (it freezes, like time.sleep(3)"
                        + " inside `async def`). Prints the longest stall of the loop.");
        spec.addOption(CommandSpecs.option("--backend", String.class, "NAME", "reactor",
                "Backend to check through (default: ${DEFAULT-VALUE})."));
        spec.addOption(CommandSpecs.flag("--block-the-loop", "Runs the check on the event loop itself."));
        spec.addOption(CommandSpecs.option("--number", String.class, "N", "1000000000000000003",
                "The number to check (default: ${DEFAULT-VALUE}; the seed used 9999999999999917)."));
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        long n = Inputs.number(CommandSpecs.value(spec, "--number"), "--number");
        String backend = CommandSpecs.value(spec, "--backend");
        boolean blockTheLoop = CommandSpecs.given(spec, "--block-the-loop");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean draw = root.terminalSpinner();
        PrimeChecker checker = Shutdown.track(Inputs.checker(backend,
                CheckerOptions.builder().primalityTest(PrimalityTest.trialDivision()).build()));
        try (EventLoop loop = new EventLoop(tick -> {
            if (draw) {
                err.print("\r" + FRAMES.charAt(tick % FRAMES.length()) + " thinking!");
                err.flush();
            }
        })) {
            loop.start();
            long t0 = System.nanoTime();
            CompletableFuture<Boolean> verdict;
            if (blockTheLoop) {
                verdict = CompletableFuture.supplyAsync(() -> PrimalityTest.trialDivision().isPrime(n),
                        loop.executor());
            } else {
                verdict = CompletableFuture.supplyAsync(() -> checker.checkAsync(n), loop.executor())
                        .thenCompose(f -> f).thenApply(PrimeResult::prime);
            }
            boolean prime = CliFailure.await(verdict);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Histogram lateness = loop.stop();
            if (draw) {
                err.print("\r           \r");
                err.flush();
            }
            double stall = lateness.getMaxValue() / 1e6;
            out.printf(Locale.ROOT, "%d is %s: checked %s in %.3fs%n", n, prime ? "prime" : "not prime",
                    blockTheLoop ? "on the event loop (--block-the-loop)" : "through the " + backend + " backend",
                    seconds);
            out.printf(Locale.ROOT, "event loop: %d ticks of a 100 ms spinner, max stall %.1f ms (p99 %.1f ms) past the tick: %s%n",
                    loop.ticks(), stall, lateness.getValueAtPercentile(99) / 1e6,
                    stall >= 50 ? "the spinner froze while the check ran on the loop"
                            : "the spinner kept turning");
            out.flush();
            return 0;
        } finally {
            checker.close();
            Shutdown.untrack(checker);
        }
    }
}
