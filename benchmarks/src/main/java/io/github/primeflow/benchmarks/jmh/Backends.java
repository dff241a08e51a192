package io.github.primeflow.benchmarks.jmh;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;

/**
 * Creates checkers through the public API only ({@link PrimeCheckers#create(String, CheckerOptions)}), so the
 * benchmarks need no change when a backend's internals do. The benchmarks' states close them after each trial,
 * so no backend thread outlives its trial.
 */
public final class Backends {

    private Backends() {
    }

    /**
     * A checker with default options except the parallelism and the kernel.
     *
     * @param backend the backend name
     * @param parallelism the parallelism
     * @param test the kernel
     * @return a new checker; the caller closes it
     */
    public static PrimeChecker open(String backend, int parallelism, PrimalityTest test) {
        CheckerOptions options = CheckerOptions.builder().parallelism(parallelism).primalityTest(test).build();
        return PrimeCheckers.create(backend, options);
    }

    /**
     * The machine's core count, the parallelism of workloads B and C.
     *
     * @return the available processors
     */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
