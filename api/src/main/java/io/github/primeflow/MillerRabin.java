package io.github.primeflow;

/**
 * Deterministic Miller–Rabin for every {@code long}.
 *
 * <p>The strong-probable-prime test with the twelve prime bases 2, 3, …, 37 has no counterexample below
 * 3.3 × 10<sup>24</sup> (Sorenson and Webster, 2015), which covers every {@code long}, so the verdict is
 * exact, not probabilistic. Modular multiplication uses 64-bit Montgomery arithmetic, so nothing
 * overflows and nothing allocates ({@code BigInteger} is never used). A check takes microseconds.
 *
 * <p>The instance is stateless and thread-safe; obtain it with {@link PrimalityTest#millerRabin()}.
 */
public final class MillerRabin implements PrimalityTest {

    private static final long[] BASES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};

    static final MillerRabin INSTANCE = new MillerRabin();

    private MillerRabin() {
    }

    /**
     * Decides whether {@code n} is prime, exactly, on the calling thread.
     *
     * @param n any {@code long}; below 2 is not prime
     * @return {@code true} if {@code n} is prime
     */
    @Override
    public boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long p : BASES) {
            if (n % p == 0) {
                return n == p;
            }
        }
        if (n < 41 * 41) {
            return true; // no prime factor up to 37 and below 41^2
        }
        Montgomery m = new Montgomery(n);
        long d = n - 1;
        int s = Long.numberOfTrailingZeros(d);
        d >>>= s;
        for (long base : BASES) {
            if (!m.isStrongProbablePrime(base, d, s)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "miller-rabin";
    }

    /** Arithmetic modulo an odd {@code n < 2^63} in Montgomery form with {@code R = 2^64}. */
    private static final class Montgomery {
        private final long n;
        private final long negInverse; // -n^-1 mod 2^64
        private final long one; // R mod n
        private final long minusOne; // -R mod n
        private final long rSquared; // R^2 mod n

        Montgomery(long n) {
            this.n = n;
            long inverse = n; // correct to 3 bits for odd n; each Newton step doubles that
            for (int i = 0; i < 5; i++) {
                inverse *= 2 - n * inverse;
            }
            this.negInverse = -inverse;
            this.one = Long.remainderUnsigned(-n, n); // (2^64 - n) mod n == 2^64 mod n
            this.minusOne = n - one;
            long r2 = one;
            for (int i = 0; i < 64; i++) {
                r2 = addMod(r2, r2);
            }
            this.rSquared = r2;
        }

        boolean isStrongProbablePrime(long base, long d, int s) {
            long x = pow(multiply(base % n, rSquared), d);
            if (x == one || x == minusOne) {
                return true;
            }
            for (int i = 1; i < s; i++) {
                x = multiply(x, x);
                if (x == minusOne) {
                    return true;
                }
                if (x == one) {
                    return false;
                }
            }
            return false;
        }

        private long pow(long base, long exponent) {
            long result = one;
            while (exponent != 0) {
                if ((exponent & 1) != 0) {
                    result = multiply(result, base);
                }
                base = multiply(base, base);
                exponent >>>= 1;
            }
            return result;
        }

        /** a * b * R^-1 mod n, for {@code 0 <= a, b < n}. */
        private long multiply(long a, long b) {
            long lo = a * b;
            long hi = Math.multiplyHigh(a, b); // a, b < 2^63: the signed high word is the unsigned one
            long m = lo * negInverse;
            // Unsigned high word of m * n; n < 2^63, so only m's sign bit needs correcting.
            long mnHi = Math.multiplyHigh(m, n) + ((m >> 63) & n);
            // lo + low(m * n) is 0 mod 2^64 by construction; it carries exactly when lo != 0.
            long t = hi + mnHi + (lo != 0 ? 1 : 0);
            return Long.compareUnsigned(t, n) >= 0 ? t - n : t;
        }

        private long addMod(long a, long b) {
            long sum = a + b; // a, b < n < 2^63, so the unsigned sum fits
            return Long.compareUnsigned(sum, n) >= 0 ? sum - n : sum;
        }
    }
}
