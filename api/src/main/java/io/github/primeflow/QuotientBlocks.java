package io.github.primeflow;

import java.lang.management.ManagementFactory;

/**
 * Trial division's divisors from {@link TrialDivision#quotientEstimateFrom(long)} on, {@value #SIZE} at a time, in
 * a loop without a branch, which HotSpot's C2 compiles to vector instructions where it can: eight quotients are
 * divided, converted and multiplied back at once. Each instance holds the divisors of one divisor loop at a
 * time; not thread-safe.
 *
 * <p>For each divisor the remainder {@code r = n - q * d} comes from the floating-point quotient exactly as in
 * the scalar loop, so {@code r} lies in {@code [-d, 2d)} and {@code d} divides {@code n} exactly when {@code r} is
 * {@code -d}, 0 or {@code d}, that is when {@code r * (r - d) * (r + d)} is 0. The product wraps, yet it is 0
 * modulo 2<sup>64</sup> only when a factor is: {@code d} is odd and below 2<sup>32</sup>, so for an even
 * {@code r} the two other factors are odd and {@code r} has fewer than 34 factors 2; for an odd {@code r} the
 * factors {@code r - d} and {@code r + d} differ by {@code 2d}, so one of them has a single factor 2 and the
 * other fewer than 35. A block folds the products into one flag, without a branch per divisor.
 */
final class QuotientBlocks {

    /** Divisors per block: a few eight-wide vectors' worth of work per loop, arrays that stay in L1. */
    static final int SIZE = 256;

    /**
     * Whether blocks are used: JDK 25+ with AVX-512 (the JIT of JDK 17, or with AVX2 only, does not vectorize the
     * conversion to {@code long}, and blocks are then about 1.3 times slower than the scalar loop, measured on
     * the seed's numbers). The system property {@code primeflow.trialDivision.blocks} ({@code true} or
     * {@code false}) overrides the choice. On the module path, the check needs {@code jdk.management} resolved.
     */
    static final boolean ENABLED = enabledHere();

    /**
     * The block's divisors; after a block without a divisor, already the next block's. One loop reads, tests and
     * advances each divisor: against a loop each for quotients, remainders and the advance, the seed's numbers on one
     * core took 140 instead of 167 ms (medians over 14 JVMs each, alternating).
     */
    private final long[] divisors = new long[SIZE];

    /**
     * Blocks for one thread's divisor loops, one after another.
     *
     * @return new blocks, or null when they are not {@link #ENABLED}
     */
    static QuotientBlocks ifEnabled() {
        return ENABLED ? new QuotientBlocks() : null;
    }

    /**
     * Whether none of the {@value #SIZE} odd divisors {@code d, d + 2, ..., d + 2 * (SIZE - 1)} divides {@code n}.
     * Needs {@code 0 < n}, {@code n / d < 2^47} and {@code d + 2 * SIZE < 2^32}; fastest when called for consecutive
     * blocks.
     */
    boolean noneDivides(long n, long d) {
        long[] divisors = this.divisors;
        if (divisors[0] != d) {
            for (int i = 0; i < SIZE; i++) {
                divisors[i] = d + 2L * i;
            }
        }
        double nd = n;
        long noZeroProduct = 1;
        for (int i = 0; i < SIZE; i++) {
            long divisor = divisors[i];
            long r = n - (long) (nd / divisor) * divisor;
            long product = r * (r - divisor) * (r + divisor);
            noZeroProduct &= (product | -product) >>> 63;
            divisors[i] = divisor + 2 * SIZE;
        }
        return noZeroProduct != 0;
    }

    private static boolean enabledHere() {
        String forced = System.getProperty("primeflow.trialDivision.blocks");
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        if (Runtime.version().feature() < 25) {
            return false;
        }
        try {
            var hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return hotspot != null && Integer.parseInt(hotspot.getVMOption("UseAVX").getValue()) >= 3;
        } catch (RuntimeException | LinkageError notHotSpotOnX86) {
            // No such option (another CPU or JVM), or no jdk.management module in this runtime.
            return false;
        }
    }
}
