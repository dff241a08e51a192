package io.github.primeflow.engine;

/**
 * How a pipeline sizes its adaptive batches and how often a running batch hands over finished results: the
 * one batching policy, with parameters a backend may set when its hand-overs cost more (a Vert.x context hop,
 * a network round trip).
 *
 * @param targetBatchNanos the kernel time an adaptive batch aims at, so that the hand-over costs a few percent
 * @param maxAdaptiveBatch the most numbers an adaptive batch holds (a pipeline also keeps it within a quarter of
 *     its {@code maxInFlight})
 * @param deliverEveryNanos how often a running batch publishes its finished results and wakes the drain loop;
 *     {@code Long.MAX_VALUE} for only at its end
 */
public record Tuning(long targetBatchNanos, int maxAdaptiveBatch, long deliverEveryNanos) {

    /** 200 µs batches of at most 1024 numbers, results handed over every 50 µs. */
    public static final Tuning DEFAULT = new Tuning(200_000, 1024, 50_000);

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException if a parameter is not positive
     */
    public Tuning {
        if (targetBatchNanos <= 0 || maxAdaptiveBatch <= 0 || deliverEveryNanos <= 0) {
            throw new IllegalArgumentException("every tuning parameter must be positive: " + targetBatchNanos + ", "
                    + maxAdaptiveBatch + ", " + deliverEveryNanos);
        }
    }
}
