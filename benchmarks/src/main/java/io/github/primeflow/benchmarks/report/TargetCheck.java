package io.github.primeflow.benchmarks.report;

/**
 * One performance target of issue 9 applied to one measurement.
 *
 * @param id a stable identifier, e.g. {@code A.seed.vertx}
 * @param description what is compared, for people
 * @param measured the measured value (a ratio, a rate or a lateness)
 * @param comparison how it must relate to the threshold
 * @param threshold the target
 */
public record TargetCheck(String id, String description, Estimate measured, Comparison comparison,
        double threshold) {

    /** How a measured value must relate to its threshold. */
    public enum Comparison {
        /** {@code measured >= threshold}. */
        AT_LEAST(">="),
        /** {@code measured <= threshold}. */
        AT_MOST("<="),
        /** {@code measured < threshold}. */
        BELOW("<");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        /**
         * The operator, for tables.
         *
         * @return e.g. {@code >=}
         */
        public String symbol() {
            return symbol;
        }

        boolean holds(double value, double threshold) {
            return switch (this) {
                case AT_LEAST -> value >= threshold;
                case AT_MOST -> value <= threshold;
                case BELOW -> value < threshold;
            };
        }
    }

    /**
     * Whether the central value meets the target.
     *
     * @return the verdict on the median (or the ratio of medians)
     */
    public boolean met() {
        return comparison.holds(measured.value(), threshold);
    }

    /**
     * Whether the verdict survives the error: the whole interval is on the same side of the threshold. A
     * verdict that is not conclusive needs a quieter machine or more iterations.
     *
     * @return {@code true} if both ends of the interval give the same verdict as the median
     */
    public boolean conclusive() {
        boolean low = comparison.holds(measured.low(), threshold);
        boolean high = comparison.holds(measured.high(), threshold);
        return low == high;
    }

    /**
     * The verdict for tables: {@code met}, {@code MISSED}, with {@code (within error)} when not conclusive.
     *
     * @return the mark
     */
    public String mark() {
        return (met() ? "met" : "MISSED") + (conclusive() ? "" : " (within error)");
    }
}
