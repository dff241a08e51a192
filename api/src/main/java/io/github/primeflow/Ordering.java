package io.github.primeflow;

/** In which order a {@link PrimeChecker} emits results. */
public enum Ordering {
    /**
     * Results come in the order the numbers arrived from upstream (rule P3), like the seed's
     * {@code sequential.py}. A slow number holds back the results behind it, within the bounds of
     * {@link CheckerOptions#maxInFlight()}.
     */
    INPUT_ORDER,
    /**
     * Each result comes as soon as its check finishes, like the seed's {@code procs.py}: the same results
     * as {@link #INPUT_ORDER}, in any order.
     */
    COMPLETION_ORDER
}
