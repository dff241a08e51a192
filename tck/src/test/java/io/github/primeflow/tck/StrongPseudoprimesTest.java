package io.github.primeflow.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The kit's strong pseudoprimes are what it says: composite, and passing the strong test for base 2 or 3. */
class StrongPseudoprimesTest {

    @Test
    void eachIsACompositeThatPassesTheStrongTestForSmallBases() {
        for (long n : RangeRules.STRONG_PSEUDOPRIMES) {
            assertThat(BigInteger.valueOf(n).isProbablePrime(64)).as("%d is composite", n).isFalse();
            assertThat(passesStrongTest(n, 2) || passesStrongTest(n, 31)).as("%d fools base 2 or 31", n).isTrue();
        }
        assertThat(passesStrongTest(4_759_123_141L, 2) && passesStrongTest(4_759_123_141L, 7)
                && passesStrongTest(4_759_123_141L, 61)).as("4759123141 fools bases 2, 7 and 61").isTrue();
    }

    private static boolean passesStrongTest(long n, long base) {
        BigInteger big = BigInteger.valueOf(n);
        BigInteger minusOne = big.subtract(BigInteger.ONE);
        int shift = minusOne.getLowestSetBit();
        BigInteger x = BigInteger.valueOf(base).modPow(minusOne.shiftRight(shift), big);
        if (x.equals(BigInteger.ONE) || x.equals(minusOne)) {
            return true;
        }
        for (int r = 1; r < shift; r++) {
            x = x.multiply(x).mod(big);
            if (x.equals(minusOne)) {
                return true;
            }
        }
        return false;
    }
}
