package io.github.primeflow.benchmarks.report;

/**
 * A measured value with its error: a JMH median with the half-width of JMH's 99.9 % confidence interval, or a
 * ratio of two such values. The error is {@code NaN} when unknown (a single iteration).
 *
 * @param value the central value
 * @param error the half-width of the interval around it, or {@code NaN}
 */
public record Estimate(double value, double error) {

    /**
     * {@code this / other}, with the relative errors added in quadrature (independent measurements).
     *
     * @param other the denominator
     * @return the ratio
     */
    public Estimate dividedBy(Estimate other) {
        double ratio = value / other.value;
        double relative = Math.hypot(error / value, other.error / other.value);
        return new Estimate(ratio, Math.abs(ratio) * relative);
    }

    /**
     * Whether the error is known.
     *
     * @return {@code false} for {@code NaN} or infinite errors
     */
    public boolean hasError() {
        return Double.isFinite(error);
    }

    /**
     * The lower end of the interval ({@code value} when the error is unknown).
     *
     * @return {@code value - error}
     */
    public double low() {
        return hasError() ? value - error : value;
    }

    /**
     * The upper end of the interval ({@code value} when the error is unknown).
     *
     * @return {@code value + error}
     */
    public double high() {
        return hasError() ? value + error : value;
    }
}
