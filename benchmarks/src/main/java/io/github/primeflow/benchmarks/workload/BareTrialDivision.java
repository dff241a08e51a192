package io.github.primeflow.benchmarks.workload;

/**
 * The kernel benchmark's baseline: the seed's trial division as the shortest loop, with no interrupt polling
 * and no range bookkeeping, independent of the library's code. {@code PrimalityTest.trialDivision()} must stay
 * within 5 % of it.
 */
public final class BareTrialDivision {

    private BareTrialDivision() {
    }

    /**
     * Decides whether {@code n} is prime by dividing by 2 and every odd {@code d <= isqrt(n)}.
     *
     * @param n any {@code long}
     * @return {@code true} if {@code n} is prime
     */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if ((n & 1) == 0) {
            return n == 2;
        }
        long limit = isqrt(n);
        for (long d = 3; d <= limit; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code floor(sqrt(n))} for {@code n >= 1}, exact: the double root can be one off near 2^63. */
    static long isqrt(long n) {
        long r = (long) Math.sqrt((double) n);
        while (r > n / r) {
            r--;
        }
        while (r + 1 <= n / (r + 1)) {
            r++;
        }
        return r;
    }
}
