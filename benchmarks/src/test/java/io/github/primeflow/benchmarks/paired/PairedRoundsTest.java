package io.github.primeflow.benchmarks.paired;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A real round on a real backend: every subject checks the work and gets the right count, or the round fails. */
class PairedRoundsTest {

    @Test
    void aRoundTimesEverySubjectOnBothWorks() {
        try (PairedRounds rounds = new PairedRounds("reactor", 2)) {
            for (PairedWork work : PairedWork.values()) {
                Round round = rounds.measure(work);

                assertThat(round.work()).isEqualTo(work);
                assertThat(round.cores()).isEqualTo(2);
                assertThat(java.util.List.of(round.oneThread(), round.allCores(), round.sequential(), round.backend(),
                        round.plainParallel()))
                        .allSatisfy(nanos -> assertThat(nanos).isPositive());
            }
        }
    }

    @Test
    void eachWorkKnowsItsPrimes() {
        assertThat(PairedWork.BATCH.calls()).hasNumberOfRows(1);
        assertThat(PairedWork.BATCH.calls()[0]).hasSize(20);
        assertThat(PairedWork.PRIME.calls()).hasNumberOfRows(8);
        assertThat(PairedWork.PRIME.expectedPrimes()).isEqualTo(8);
    }
}
