package io.github.primeflow.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.primeflow.benchmarks.report.TargetCheck.Comparison;
import org.junit.jupiter.api.Test;

class EstimateAndTargetTest {

    @Test
    void ratioAddsRelativeErrorsInQuadrature() {
        // 3 % and 4 % relative error give 5 % on the ratio.
        Estimate ratio = new Estimate(900, 27).dividedBy(new Estimate(450, 18));

        assertThat(ratio.value()).isEqualTo(2.0);
        assertThat(ratio.error()).isCloseTo(0.10, within(1e-12));
        assertThat(ratio.low()).isCloseTo(1.90, within(1e-12));
        assertThat(ratio.high()).isCloseTo(2.10, within(1e-12));
    }

    @Test
    void anUnknownErrorStaysUnknownAndTheIntervalCollapses() {
        Estimate ratio = new Estimate(10, Double.NaN).dividedBy(new Estimate(5, 0.1));

        assertThat(ratio.value()).isEqualTo(2.0);
        assertThat(ratio.hasError()).isFalse();
        assertThat(ratio.low()).isEqualTo(2.0);
        assertThat(ratio.high()).isEqualTo(2.0);
    }

    @Test
    void atLeastIsMetAtTheThresholdAndMissedBelow() {
        assertThat(check(1.9, 0.01, Comparison.AT_LEAST, 1.9).met()).isTrue();
        assertThat(check(1.89, 0.0, Comparison.AT_LEAST, 1.9).met()).isFalse();
    }

    @Test
    void belowIsStrictButAtMostIsNot() {
        assertThat(check(5.0, Double.NaN, Comparison.BELOW, 5).met()).isFalse();
        assertThat(check(4.99, Double.NaN, Comparison.BELOW, 5).met()).isTrue();
        assertThat(check(1.05, Double.NaN, Comparison.AT_MOST, 1.05).met()).isTrue();
    }

    @Test
    void aVerdictIsConclusiveOnlyWhenTheWholeIntervalAgrees() {
        TargetCheck clear = check(2.0, 0.05, Comparison.AT_LEAST, 1.9);
        TargetCheck straddling = check(1.92, 0.05, Comparison.AT_LEAST, 1.9);
        TargetCheck clearMiss = check(1.5, 0.05, Comparison.AT_LEAST, 1.9);

        assertThat(clear.conclusive()).isTrue();
        assertThat(clear.mark()).isEqualTo("met");
        assertThat(straddling.conclusive()).isFalse();
        assertThat(straddling.mark()).isEqualTo("met (within error)");
        assertThat(clearMiss.mark()).isEqualTo("MISSED");
    }

    private static TargetCheck check(double value, double error, Comparison comparison, double threshold) {
        return new TargetCheck("t", "test", new Estimate(value, error), comparison, threshold);
    }
}
