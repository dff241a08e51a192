package io.github.primeflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckerOptionsTest {

    @Test
    void defaultsFollowTheMachineAndTheParallelism() {
        CheckerOptions defaults = CheckerOptions.defaults();
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(defaults.parallelism()).isEqualTo(cores);
        assertThat(defaults.ordering()).isEqualTo(Ordering.INPUT_ORDER);
        assertThat(defaults.maxInFlight()).isEqualTo(Math.max(32_768, 4 * cores));
        assertThat(defaults.prefetch()).isEqualTo(2 * cores);
        assertThat(defaults.batchSize()).isZero();
        assertThat(defaults.primalityTest()).isSameAs(PrimalityTest.trialDivision());

        CheckerOptions wide = CheckerOptions.builder().parallelism(10_000).build();
        assertThat(wide.maxInFlight()).isEqualTo(40_000);
        assertThat(wide.prefetch()).isEqualTo(20_000);
    }

    @Test
    void everySetterRejectsOutOfRangeValuesNamingTheOptionAndItsRange() {
        CheckerOptions.Builder b = CheckerOptions.builder();
        assertThatThrownBy(() -> b.parallelism(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism must be between 1 and 32767, got 0");
        assertThatThrownBy(() -> b.parallelism(40_000)).hasMessageContaining("parallelism must be between 1 and 32767");
        assertThatThrownBy(() -> b.maxInFlight(0)).hasMessage("maxInFlight must be between 1 and 16777216, got 0");
        assertThatThrownBy(() -> b.prefetch(0)).hasMessage("prefetch must be between 1 and 16777216, got 0");
        assertThatThrownBy(() -> b.batchSize(-3)).hasMessage("batchSize must be between 0 and 16777216, got -3");
        assertThatThrownBy(() -> b.ordering(null)).isInstanceOf(NullPointerException.class).hasMessage("ordering");
        assertThatThrownBy(() -> b.primalityTest(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("primalityTest");
    }

    @Test
    void buildRejectsContradictoryOptionsNamingBoth() {
        assertThatThrownBy(() -> CheckerOptions.builder().parallelism(8).maxInFlight(4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxInFlight (4) must be >= parallelism (8)");
        assertThatThrownBy(() -> CheckerOptions.builder().parallelism(2).maxInFlight(10).prefetch(11).build())
                .hasMessage("prefetch (11) must be <= maxInFlight (10)");
        assertThatThrownBy(() -> CheckerOptions.builder().parallelism(4).prefetch(3).build())
                .hasMessageStartingWith("prefetch (3) must be >= parallelism (4)");
        assertThatThrownBy(() -> CheckerOptions.builder().parallelism(2).maxInFlight(10).batchSize(11).build())
                .hasMessage("batchSize (11) must be <= maxInFlight (10)");
    }

    @Test
    void optionsAreValuesAndToBuilderRoundTrips() {
        CheckerOptions options = CheckerOptions.builder().parallelism(3).ordering(Ordering.COMPLETION_ORDER)
                .maxInFlight(30).prefetch(3).batchSize(5).primalityTest(PrimalityTest.millerRabin()).build();
        assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
        assertThat(options.toBuilder().batchSize(6).build()).isNotEqualTo(options);
        assertThat(options).hasToString("CheckerOptions{parallelism=3, ordering=COMPLETION_ORDER, maxInFlight=30,"
                + " prefetch=3, batchSize=5, primalityTest=miller-rabin}");
    }

    @Test
    void primeResultValidatesAndConverts() {
        assertThat(new PrimeResult(7, true, 1_500).elapsed().toNanos()).isEqualTo(1_500);
        assertThatThrownBy(() -> new PrimeResult(7, true, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("elapsedNanos must be >= 0, got -1");
    }
}
