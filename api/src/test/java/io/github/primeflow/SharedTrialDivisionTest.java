package io.github.primeflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TrialDivision#isPrime(long, Executor, int)}: one number's divisors shared with helper tasks. */
class SharedTrialDivisionTest {

    /** The largest {@code long} prime: 1.5 × 10^9 odd divisors, 0.5–2 s of work on one core. */
    private static final long LARGEST_LONG_PRIME = KernelCorrectnessTest.LARGEST_LONG_PRIME;
    private static final Duration GUARD = Duration.ofSeconds(60);

    private final TrialDivision kernel = PrimalityTest.trialDivision();
    private final ExecutorService helpers = Executors.newFixedThreadPool(3, runnable -> {
        Thread thread = new Thread(runnable, "helper");
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void stopHelpers() throws InterruptedException {
        helpers.shutdownNow();
        assertThat(helpers.awaitTermination(GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sharedChecksDecideLikeTheSeed() {
        long p = 1_000_003, q = 999_999_937; // q is the largest prime below 10^9
        long[] numbers = LongStream.concat(Arrays.stream(SeedNumbers.toArray()), LongStream.of(
                p * q,                        // the divisor sits in the first range
                999_999_937L * 999_999_929L,  // ... and in the last one
                999_999_937L * 999_999_937L,  // a square: the divisor is the last one tried
                1_000_000_000_000_000_003L,   // a 19-digit prime; the ranges are capped in number
                Long.MAX_VALUE, 0, 1, 2, 4, -7)).toArray();
        for (int parallelism : new int[] {1, 2, 4}) {
            for (long n : numbers) {
                boolean expected = n > 1 && BigInteger.valueOf(n).isProbablePrime(64);
                assertThat(kernel.isPrime(n, helpers, parallelism))
                        .as("%d with parallelism %d", n, parallelism).isEqualTo(expected);
            }
        }
    }

    /**
     * One participant checks many ranges in a row with the same blocks: alone (its helpers rejected), or a helper
     * run inline that takes every range before the owner gets one.
     */
    @Property(tries = 300)
    void aParticipantCheckingRangeAfterRangeDecidesLikeTheSeed(
            @ForAll @LongRange(min = 1L << 20, max = 1L << 26) long a,
            @ForAll @LongRange(min = 1L << 20, max = 1L << 26) long b, @ForAll boolean helperInline) {
        long p = BigInteger.valueOf(a).nextProbablePrime().longValueExact();
        long q = BigInteger.valueOf(b).nextProbablePrime().longValueExact();
        long prime = BigInteger.valueOf(p * q).nextProbablePrime().longValueExact();
        Executor oneParticipant = helperInline ? Runnable::run : task -> {
            throw new RejectedExecutionException("alone");
        };

        assertThat(kernel.isPrime(p * q, oneParticipant, 2)).as("%d * %d", p, q).isFalse();
        assertThat(kernel.isPrime(prime, oneParticipant, 2)).as("%d", prime).isTrue();
    }

    @Test
    void helpersThatNeverRunOrAreRejectedCostOnlySpeed() {
        List<Runnable> neverRun = new ArrayList<>();
        long prime = 142_702_110_479_723L; // a seed prime with 6 × 10^6 odd divisors: shared
        assertThat(kernel.isPrime(prime, neverRun::add, 2)).isTrue();
        assertThat(neverRun).hasSize(2);
        neverRun.forEach(Runnable::run); // late helpers find the search over and return at once

        Executor rejecting = task -> {
            throw new RejectedExecutionException("shut down");
        };
        assertThat(kernel.isPrime(prime, rejecting, 2)).isTrue();
    }

    @Test
    void helpersCheckRangesAndStopWhenTheCallerIsInterrupted() throws Exception {
        CountDownLatch helperReturned = new CountDownLatch(1);
        AtomicReference<Thread> helperThread = new AtomicReference<>();
        Executor oneHelper = task -> {
            Thread thread = new Thread(() -> {
                task.run();
                helperReturned.countDown();
            }, "the-helper");
            if (helperThread.compareAndSet(null, thread)) {
                thread.start();
            }
        };
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                kernel.isPrime(LARGEST_LONG_PRIME, oneHelper, 2);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(Thread.currentThread().isInterrupted() ? t : new AssertionError("flag cleared", t));
            }
        }, "caller");
        caller.start();
        await().atMost(GUARD).until(() -> helperThread.get() != null && insideTheDivisorLoop(helperThread.get()));

        caller.interrupt();

        assertThat(outcome.get(GUARD.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(CancellationException.class)
                .hasMessageContaining(Long.toString(LARGEST_LONG_PRIME));
        assertThat(helperReturned.await(GUARD.toSeconds(), TimeUnit.SECONDS))
                .as("the helper stops checking once its caller gave up").isTrue();
    }

    /**
     * Helpers whose threads are interrupted give up on the first ranges, the ones they claimed before the
     * caller claimed any; the only divisor below the square root lies in the first range, so a caller that
     * trusted its helpers would call this composite prime.
     */
    @Test
    void rangesAHelperGaveUpOnAreCheckedByTheCaller() {
        long n = 524_287L * 1_000_000_000_039L; // 2^19 - 1 times a 13-digit prime
        AtomicInteger gaveUp = new AtomicInteger();
        Executor interruptedHelpers = task -> {
            Thread thread = new Thread(() -> {
                Thread.currentThread().interrupt(); // as a pool shutting down would
                task.run();
                if (Thread.currentThread().isInterrupted()) {
                    gaveUp.incrementAndGet();
                }
            });
            thread.start();
            try {
                thread.join(); // the helper claims and abandons its range before the caller starts
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        assertThat(BigInteger.valueOf(1_000_000_000_039L).isProbablePrime(64)).isTrue();

        assertThat(kernel.isPrime(n, interruptedHelpers, 2)).isFalse();
        assertThat(gaveUp).hasValue(2);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> kernel.isPrime(97, null, 2))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("helpers");
        assertThatThrownBy(() -> kernel.isPrime(97, helpers, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
        PrimalityTest custom = n -> n == 2;
        assertThatThrownBy(() -> custom.isPrime(2, helpers, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
        assertThat(custom.isPrime(2, helpers, 2)).isTrue();
    }

    private static boolean insideTheDivisorLoop(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(TrialDivision.class.getName())
                        && frame.getMethodName().equals("noOddDivisor"));
    }
}
