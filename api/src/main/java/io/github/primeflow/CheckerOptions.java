package io.github.primeflow;

import java.util.Objects;

/**
 * How a {@link PrimeChecker} runs: immutable, built with {@link #builder()}.
 *
 * <p>Every setter validates its argument at once and names the option and its allowed range in the
 * {@link IllegalArgumentException}; {@link Builder#build()} checks the options against each other.
 *
 * <table>
 *   <caption>Options and their defaults</caption>
 *   <tr><th>option</th><th>default</th><th>allowed</th></tr>
 *   <tr><td>{@link #parallelism()}</td><td>available processors</td><td>1 … {@value #MAX_PARALLELISM}</td></tr>
 *   <tr><td>{@link #ordering()}</td><td>{@link Ordering#INPUT_ORDER}</td><td>non-null</td></tr>
 *   <tr><td>{@link #maxInFlight()}</td><td>max(32768, 4 × parallelism)</td>
 *       <td>parallelism … {@value #MAX_IN_FLIGHT}</td></tr>
 *   <tr><td>{@link #prefetch()}</td><td>min(2 × parallelism, maxInFlight)</td><td>parallelism … maxInFlight</td></tr>
 *   <tr><td>{@link #batchSize()}</td><td>0 (adaptive)</td><td>0 … maxInFlight</td></tr>
 *   <tr><td>{@link #primalityTest()}</td><td>{@link PrimalityTest#trialDivision()}</td><td>non-null</td></tr>
 * </table>
 */
public final class CheckerOptions {

    /** The largest allowed {@link #parallelism()}. */
    public static final int MAX_PARALLELISM = 32_767;
    /** The largest allowed {@link #maxInFlight()}. */
    public static final int MAX_IN_FLIGHT = 1 << 24;

    private static final CheckerOptions DEFAULTS = builder().build();

    private final int parallelism;
    private final Ordering ordering;
    private final int maxInFlight;
    private final int prefetch;
    private final int batchSize;
    private final PrimalityTest primalityTest;

    private CheckerOptions(Builder b, int parallelism, int maxInFlight, int prefetch) {
        this.parallelism = parallelism;
        this.ordering = b.ordering;
        this.maxInFlight = maxInFlight;
        this.prefetch = prefetch;
        this.batchSize = b.batchSize;
        this.primalityTest = b.primalityTest;
    }

    /**
     * The options with every default (parallelism = available processors at class initialisation).
     *
     * @return the default options
     */
    public static CheckerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder holding every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options, to derive changed ones.
     *
     * @return a new builder initialised from this instance
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.parallelism = parallelism;
        b.ordering = ordering;
        b.maxInFlight = maxInFlight;
        b.prefetch = prefetch;
        b.batchSize = batchSize;
        b.primalityTest = primalityTest;
        return b;
    }

    /**
     * The most kernel calls that run at the same time (rule P9).
     *
     * @return at least 1
     */
    public int parallelism() {
        return parallelism;
    }

    /**
     * The order of the results (rule P3).
     *
     * @return never null
     */
    public Ordering ordering() {
        return ordering;
    }

    /**
     * The window that bounds what one subscription holds: numbers requested from upstream but not yet
     * delivered downstream, whether queued, being checked or waiting for their turn in
     * {@link Ordering#INPUT_ORDER}. Rule P6 holds that count to {@code maxInFlight() + prefetch()}: the
     * {@link #prefetch()} is the slack for results already checked ahead of demand while the backend tops up
     * its upstream demand. It bounds memory and upstream demand.
     *
     * @return at least {@link #parallelism()}
     */
    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * How many checks may be started beyond the downstream's outstanding demand (rule P5): running, or
     * finished and waiting to be delivered. It is at least the parallelism, so that every worker can stay
     * busy while a slow subscriber catches up, and it is what a backend's concurrency window (such as the
     * {@code maxConcurrency} of Reactor's {@code flatMapSequential}) is sized to.
     *
     * @return between {@link #parallelism()} and {@link #maxInFlight()}
     */
    public int prefetch() {
        return prefetch;
    }

    /**
     * How many numbers a backend hands to a worker in one task: 0 lets the backend adapt (batch cheap
     * checks, one number per task for expensive ones); a positive value fixes it.
     *
     * @return 0 (adaptive) or a fixed batch size up to {@link #maxInFlight()}
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The kernel every check calls.
     *
     * @return never null
     */
    public PrimalityTest primalityTest() {
        return primalityTest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckerOptions other
                && parallelism == other.parallelism
                && ordering == other.ordering
                && maxInFlight == other.maxInFlight
                && prefetch == other.prefetch
                && batchSize == other.batchSize
                && primalityTest.equals(other.primalityTest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parallelism, ordering, maxInFlight, prefetch, batchSize, primalityTest);
    }

    @Override
    public String toString() {
        return "CheckerOptions{parallelism=" + parallelism + ", ordering=" + ordering + ", maxInFlight=" + maxInFlight
                + ", prefetch=" + prefetch + ", batchSize=" + (batchSize == 0 ? "adaptive" : batchSize)
                + ", primalityTest=" + primalityTest + '}';
    }

    /** Collects options; not thread-safe. Unset sizes take defaults derived from the parallelism. */
    public static final class Builder {
        private static final int UNSET = -1;

        private int parallelism = UNSET;
        private Ordering ordering = Ordering.INPUT_ORDER;
        private int maxInFlight = UNSET;
        private int prefetch = UNSET;
        private int batchSize;
        private PrimalityTest primalityTest = PrimalityTest.trialDivision();

        private Builder() {
        }

        /**
         * Sets {@link CheckerOptions#parallelism()}.
         *
         * @param parallelism 1 … {@value CheckerOptions#MAX_PARALLELISM}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder parallelism(int parallelism) {
            this.parallelism = checkRange("parallelism", parallelism, 1, MAX_PARALLELISM);
            return this;
        }

        /**
         * Sets {@link CheckerOptions#ordering()}.
         *
         * @param ordering the result order
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder ordering(Ordering ordering) {
            this.ordering = Objects.requireNonNull(ordering, "ordering");
            return this;
        }

        /**
         * Sets {@link CheckerOptions#maxInFlight()}.
         *
         * @param maxInFlight 1 … {@value CheckerOptions#MAX_IN_FLIGHT}, and at least the parallelism
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = checkRange("maxInFlight", maxInFlight, 1, MAX_IN_FLIGHT);
            return this;
        }

        /**
         * Sets {@link CheckerOptions#prefetch()}.
         *
         * @param prefetch 1 … {@value CheckerOptions#MAX_IN_FLIGHT}, at least parallelism and at most maxInFlight
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder prefetch(int prefetch) {
            this.prefetch = checkRange("prefetch", prefetch, 1, MAX_IN_FLIGHT);
            return this;
        }

        /**
         * Sets {@link CheckerOptions#batchSize()}.
         *
         * @param batchSize 0 for adaptive, or 1 … maxInFlight
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = checkRange("batchSize", batchSize, 0, MAX_IN_FLIGHT);
            return this;
        }

        /**
         * Sets {@link CheckerOptions#primalityTest()}.
         *
         * @param primalityTest the kernel
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder primalityTest(PrimalityTest primalityTest) {
            this.primalityTest = Objects.requireNonNull(primalityTest, "primalityTest");
            return this;
        }

        /**
         * Builds the options, filling unset sizes with their defaults.
         *
         * @return the immutable options
         * @throws IllegalArgumentException if the options contradict each other (the message names both)
         */
        public CheckerOptions build() {
            int p = parallelism == UNSET ? Runtime.getRuntime().availableProcessors() : parallelism;
            // Tens of thousands, not hundreds: with checks of ~100 ns a window of 256 numbers is a few microseconds
            // of work, and every refill costs a hand-off between threads (measured: 1.2-3.5x slower on 10^6 cheap
            // checks). A backend whose hand-off wakes an event loop needs batches of thousands, and a lane needs its
            // next batch while the last one's results wait: Vert.x on 10^7 cheap checks ran at 0.62-0.73x of a
            // parallel stream with 4096, 0.76-0.94x with 32768. The full window is still only ~1.5 MB.
            int inFlight = maxInFlight == UNSET ? Math.min(MAX_IN_FLIGHT, Math.max(32_768, 4 * p)) : maxInFlight;
            if (inFlight < p) {
                throw new IllegalArgumentException("maxInFlight (" + inFlight + ") must be >= parallelism (" + p
                        + "), or some workers could never get a number");
            }
            int ahead = prefetch == UNSET ? Math.min(2 * p, inFlight) : prefetch;
            if (ahead < p) {
                throw new IllegalArgumentException("prefetch (" + ahead + ") must be >= parallelism (" + p
                        + "), or some workers would idle while the subscriber catches up");
            }
            if (ahead > inFlight) {
                throw new IllegalArgumentException(
                        "prefetch (" + ahead + ") must be <= maxInFlight (" + inFlight + ")");
            }
            if (batchSize > inFlight) {
                throw new IllegalArgumentException(
                        "batchSize (" + batchSize + ") must be <= maxInFlight (" + inFlight + ")");
            }
            return new CheckerOptions(this, p, inFlight, ahead);
        }

        private static int checkRange(String option, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        option + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        }
    }
}
