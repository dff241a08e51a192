package io.github.primeflow.blocking;

/** The application's CPU-heavy kernel, marked CPU-heavy in {@code META-INF/primeflow-blocking/cpu-heavy-methods}. */
final class Pricing {

    private Pricing() {
    }

    /** A few milliseconds of arithmetic: too short for any lag probe, but never for an event loop. */
    static long reprice(long seed) {
        long x = seed;
        for (int i = 0; i < 1_000_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }
}
