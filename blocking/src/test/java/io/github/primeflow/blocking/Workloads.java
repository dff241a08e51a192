package io.github.primeflow.blocking;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Deliberate CPU work and blocking calls that the tests run on loops and workers. */
final class Workloads {

    private Workloads() {
    }

    /** A "user" CPU-heavy method; the tests mark it with {@code markCpuHeavy}. */
    static long crunch(long rounds) {
        long x = rounds;
        for (long i = 0; i < rounds; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    /** Marked through the system property {@code primeflow.blocking.cpuHeavyMethods} (see the POM). */
    static long crunchListed(long rounds) {
        return crunch(rounds);
    }

    /** Marked through the test resource {@code META-INF/primeflow-blocking/cpu-heavy-methods}. */
    static long crunchDeclared(long rounds) {
        return crunch(rounds);
    }

    /** Never marked: marking it after the install must fail. */
    static long neverMarked(long rounds) {
        return crunch(rounds);
    }

    /** The deliberate blocking call being detected. */
    static void sleepBriefly() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Unmarked CPU hogging that only the lag monitor can see: spins for {@code duration}. */
    static long spin(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        long x = 0;
        while (System.nanoTime() < deadline) {
            x += crunchStep(x);
        }
        return x;
    }

    /** Spins until {@code release} is set. */
    static long spinUntil(AtomicBoolean release) {
        long x = 0;
        while (!release.get()) {
            x += crunchStep(x);
        }
        return x;
    }

    private static long crunchStep(long x) {
        return (x ^ (x >>> 7)) & 1;
    }
}
