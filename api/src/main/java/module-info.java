/**
 * primeflow's API: the prime-check pipeline ({@link io.github.primeflow.PrimeChecker}), the primality
 * kernels, backend discovery ({@link io.github.primeflow.PrimeCheckers}) and the backend SPI. Depends on the
 * JDK alone. Provides the {@code sequential} reference backend.
 */
module io.github.primeflow {
    // Optional: only to ask HotSpot whether trial division's vector loop pays (QuotientBlocks).
    requires static jdk.management;

    exports io.github.primeflow;
    exports io.github.primeflow.spi;

    uses io.github.primeflow.spi.PrimeCheckerProvider;

    provides io.github.primeflow.spi.PrimeCheckerProvider
            with io.github.primeflow.internal.SequentialPrimeCheckerProvider;
}
