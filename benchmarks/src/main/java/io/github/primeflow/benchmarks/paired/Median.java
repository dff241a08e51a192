package io.github.primeflow.benchmarks.paired;

import io.github.primeflow.benchmarks.report.Estimate;
import java.util.Arrays;

/**
 * The median of a sample with a distribution-free 95 % confidence interval: two order statistics of the sample,
 * chosen from the binomial distribution of how many values fall below the true median (normal approximation), so
 * nothing is assumed about how round times are distributed.
 *
 * @param value the sample median
 * @param low the lower end of the interval
 * @param high the upper end of the interval
 * @param count the sample size
 */
record Median(double value, double low, double high, int count) {

    private static final double Z_95 = 1.96;

    /**
     * The median of {@code values} and its interval.
     *
     * @param values at least one value; not modified
     * @return the median
     * @throws IllegalArgumentException if {@code values} is empty
     */
    static Median of(double[] values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double spread = Z_95 * Math.sqrt(n) / 2;
        // 1-based ranks n/2 - spread and 1 + n/2 + spread, clamped to the sample.
        int lowRank = Math.max(1, (int) Math.floor(n / 2.0 - spread));
        int highRank = Math.min(n, (int) Math.ceil(1 + n / 2.0 + spread));
        return new Median(median, sorted[lowRank - 1], sorted[highRank - 1], n);
    }

    /**
     * As an estimate for {@link io.github.primeflow.benchmarks.report.TargetCheck}: the median with the larger of
     * its two distances to the interval's ends, so a verdict is conclusive only when the whole interval is.
     *
     * @return the estimate
     */
    Estimate estimate() {
        return new Estimate(value, Math.max(value - low, high - value));
    }
}
