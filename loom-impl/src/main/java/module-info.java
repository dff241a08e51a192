/**
 * primeflow's virtual-thread backend ({@code loom}): {@link io.github.primeflow.loom.LoomPrimeChecker} runs
 * every kernel call as plain blocking code on a virtual thread, at most {@code parallelism} at a time.
 * Needs Java 21.
 */
module io.github.primeflow.loom {
    requires transitive io.github.primeflow;
    requires io.github.primeflow.engine;

    exports io.github.primeflow.loom;

    provides io.github.primeflow.spi.PrimeCheckerProvider
            with io.github.primeflow.loom.LoomPrimeCheckerProvider;
}
