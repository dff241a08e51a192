package io.github.primeflow.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.SeedNumbers;
import io.github.primeflow.blocking.BlockingPolicy;
import io.github.primeflow.blocking.BlockingViolation;
import io.github.primeflow.blocking.EventLoopLagMonitor;
import io.github.primeflow.blocking.EventLoopThreads;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.LongStream;

/**
 * The event-loop rules beyond the kernel probe (P11, P12): the seed's spinner as a lag measurement, and
 * BlockHound as a second, independent witness.
 */
final class EventLoopRules {

    private static final Duration TICK = Duration.ofMillis(10);

    /** The kit's own loop, an event loop for BlockHound. */
    private static final EventLoopThreads TCK_LOOP = EventLoopThreads.namedStartingWith("primeflow-tck-event-loop");

    /**
     * The event loops of the backend under test. BlockHound's policy takes one registration per name for the
     * life of the JVM, so one registration reads whichever backend is being checked now.
     */
    private static final AtomicReference<Predicate<Thread>> BACKEND_LOOPS = new AtomicReference<>(t -> false);
    private static final EventLoopThreads BACKEND = EventLoopThreads.of("backend under test",
            t -> BACKEND_LOOPS.get().test(t));

    private EventLoopRules() {
    }

    /** {@code count} consecutive primes above 10^18: about 5 × 10^8 divisors, 0.2–0.7 s each on one core. */
    static long[] slowPrimes(int count) {
        BigInteger p = BigInteger.TEN.pow(18);
        long[] primes = new long[count];
        for (int i = 0; i < count; i++) {
            p = p.nextProbablePrime();
            primes[i] = p.longValueExact();
        }
        return primes;
    }

    static void callersEventLoopKeepsTicking(RuleContext ctx) {
        long[] numbers = slowPrimes(2 * RuleContext.PARALLELISM);
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.trialDivision());
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
        Duration bound = ctx.env.maxTickLateness();
        try (EventLoopLagMonitor spinner = EventLoopLagMonitor.start(ctx.loopThread.getName(), ctx.loop, TICK, bound)) {
            TckSubscriber s = ctx.subscribe(checker.check(numbers), Long.MAX_VALUE, 0);
            ctx.awaitTermination(s);
            assertThat(s.errors).isEmpty();
            assertThat(s.results).hasSize(numbers.length);
            System.out.printf("P12 %s: %d ticks of %d ms while %d workers ran %d slow checks; lateness max %d ms,"
                    + " p99 %d ms (bound %d ms)%n", spinner.name(), spinner.ticks(), TICK.toMillis(),
                    RuleContext.PARALLELISM, numbers.length, spinner.maxLateness().toMillis(),
                    spinner.p99Lateness().toMillis(), bound.toMillis());
            spinner.assertNoStallLongerThan(bound);
            assertThat(spinner.ticks()).as("ticks while the workers were busy").isGreaterThan(10);
        }
    }

    static void blockHoundSeesNoBlockingOnEventLoops(RuleContext ctx) {
        BlockingPolicy.install();
        BlockingPolicy.assertInstalled();
        BlockingPolicy.registerEventLoops(TCK_LOOP);
        BlockingPolicy.registerEventLoops(BACKEND);
        BACKEND_LOOPS.set(ctx.provider.eventLoopThreads());
        try {
            BlockingPolicy.clearViolations();
            PrimeChecker mr = ctx.checker(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
            TckSubscriber cheap = ctx.subscribe(mr.check(LongStream.range(1L << 40, (1L << 40) + 5_000).toArray()),
                    16, 1);
            PrimeChecker td = ctx.checker(ctx.options().build());
            TckSubscriber seed = ctx.subscribe(td.check(SeedNumbers.toArray()), 1, 1);
            ctx.awaitTermination(cheap);
            ctx.awaitTermination(seed);
            assertThat(cheap.errors).isEmpty();
            assertThat(seed.errors).isEmpty();
            List<String> seen = BlockingPolicy.violations().stream()
                    .filter(v -> v.kind() == BlockingViolation.Kind.BLOCKING_CALL
                            || v.eventLoops().contains(TCK_LOOP.name()) || v.eventLoops().contains(BACKEND.name()))
                    .map(BlockingViolation::describe).toList();
            assertThat(seen).as("BlockHound: kernel calls on event loops, blocking calls on non-blocking threads")
                    .isEmpty();
        } finally {
            BACKEND_LOOPS.set(t -> false);
        }
    }
}
