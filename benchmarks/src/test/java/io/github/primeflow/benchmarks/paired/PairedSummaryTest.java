package io.github.primeflow.benchmarks.paired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.primeflow.benchmarks.report.TargetCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The statistics and the verdict rule of the paired rounds, on made-up rounds. No timing here. */
class PairedSummaryTest {

    /**
     * A round on 2 cores with the given control and speedup: one thread 100 ms, sequential 150 ms, the plain program
     * as fast as the backend.
     */
    private static Round round(PairedWork work, double control, double speedup) {
        long backend = Math.round(150_000_000 / speedup);
        return new Round(work, 2, 100_000_000, Math.round(200_000_000 / control), 150_000_000, backend, backend);
    }

    @Test
    void aRoundsRatiosComeFromItsOwnTimesAndItsLineReadsBack() {
        Round round = new Round(PairedWork.PRIME, 2, 160, 200, 150, 80, 76);

        assertThat(round.control()).isCloseTo(1.6, within(1e-12));
        assertThat(round.speedup()).isCloseTo(1.875, within(1e-12));
        assertThat(round.versusPlain()).isCloseTo(0.95, within(1e-12));
        assertThat(Round.parse(round.line())).isEqualTo(round);
        assertThat(Round.parse("WARNING: something else")).isNull();
    }

    @Test
    void theControlSumsWhatEachCoreGaveSoOneSlowCoreCostsOnlyItsOwnShare() {
        long shared = Round.sharedTime(70, 140); // one core at full speed, the other at half: 1.5 cores in all
        Round round = new Round(PairedWork.BATCH, 2, 70, shared, 70, 47, 47);

        assertThat(shared).isEqualTo(93); // 2 / (1/70 + 1/140); the slowest thread alone would say 140
        assertThat(round.control()).isCloseTo(1.5, within(0.01));
        assertThat(Round.sharedTime(100, 100)).isEqualTo(100);
    }

    @Test
    void theMedianIntervalIsTwoOrderStatisticsAroundTheMedian() {
        Median odd = Median.of(new double[] {5, 1, 3});
        assertThat(odd.value()).isEqualTo(3);
        assertThat(odd.count()).isEqualTo(3);

        double[] hundred = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
        Median median = Median.of(hundred);
        assertThat(median.value()).isEqualTo(50.5);
        // ranks 50 - 9.8 and 51 + 9.8, rounded outwards: the 40th and the 61st value
        assertThat(median.low()).isEqualTo(40);
        assertThat(median.high()).isEqualTo(61);
        assertThat(median.estimate().low()).isLessThanOrEqualTo(40);
        assertThat(median.estimate().high()).isGreaterThanOrEqualTo(61);
        assertThat(hundred[0]).as("input left alone").isEqualTo(1);
        assertThatThrownBy(() -> Median.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theVerdictCountsOnlyRoundsWhereTheControlHadFullCores() {
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rounds.add(round(PairedWork.BATCH, 1.60, 1.55)); // a slow minute: nobody gets 1.9x
            rounds.add(round(PairedWork.BATCH, 1.98, 1.93)); // full cores: the backend's own figure
        }

        PairedSummary summary = PairedSummary.of("reactor", PairedWork.BATCH, rounds);

        assertThat(summary.fullCoreRounds()).isEqualTo(30);
        assertThat(summary.fullCoreSpeedup().orElseThrow().value()).isCloseTo(1.93, within(0.01));
        assertThat(summary.speedup().value()).isBetween(1.55, 1.93);
        assertThat(summary.shareOfControl().value()).isCloseTo(0.97, within(0.01));
        TargetCheck verdict = summary.verdict().orElseThrow();
        assertThat(verdict.met()).isTrue();
        assertThat(verdict.threshold()).isEqualTo(1.9);
    }

    @Test
    void aBackendBelowTheTargetInFullCoreRoundsMissesIt() {
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rounds.add(round(PairedWork.PRIME, 2.0, 1.70));
        }

        TargetCheck verdict = PairedSummary.of("vertx", PairedWork.PRIME, rounds).verdict().orElseThrow();

        assertThat(verdict.threshold()).isEqualTo(1.8);
        assertThat(verdict.met()).isFalse();
        assertThat(verdict.mark()).isEqualTo("MISSED");
    }

    @Test
    void tooFewFullCoreRoundsGiveNoVerdict() {
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rounds.add(round(PairedWork.BATCH, i < PairedSummary.MIN_ROUNDS - 1 ? 1.99 : 1.90, 1.95));
        }

        PairedSummary summary = PairedSummary.of("loom", PairedWork.BATCH, rounds);

        assertThat(summary.fullCoreRounds()).isEqualTo(PairedSummary.MIN_ROUNDS - 1);
        assertThat(summary.verdict()).isEmpty();
        assertThat(PairedSummary.of("loom", PairedWork.BATCH, rounds.subList(20, 50)).fullCoreSpeedup()).isEmpty();
    }

    @Test
    void theShareVerdictJudgesWhatTheBackendLosesAgainstTheControlInAnyMinute() {
        List<Round> slowMinute = IntStream.range(0, 30)
                .mapToObj(i -> round(PairedWork.PRIME, 1.60, 1.55)).toList(); // 0.97 of the control
        List<Round> addsHandOffs = IntStream.range(0, 30)
                .mapToObj(i -> round(PairedWork.PRIME, 2.0, 1.70)).toList(); // 0.85 of the control

        PairedSummary slow = PairedSummary.of("reactor", PairedWork.PRIME, slowMinute);
        PairedSummary lossy = PairedSummary.of("vertx", PairedWork.PRIME, addsHandOffs);

        assertThat(slow.shareTarget()).isCloseTo(0.9, within(1e-12));
        assertThat(slow.verdict()).as("no full-core round").isEmpty();
        assertThat(slow.shareVerdict().orElseThrow().mark()).isEqualTo("met");
        assertThat(lossy.verdict().orElseThrow().met()).isFalse();
        assertThat(lossy.shareVerdict().orElseThrow().mark()).isEqualTo("MISSED");
        assertThat(PairedSummary.of("loom", PairedWork.PRIME, slowMinute.subList(0, PairedSummary.MIN_ROUNDS - 1))
                .shareVerdict()).isEmpty();
    }

    @Test
    void theComparisonWithPlainCodeIsTakenRoundByRound() {
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < 30; i++) { // the backend 10 % slower than plain code, in a slow minute and a fast one
            rounds.add(new Round(PairedWork.BATCH, 2, 100, 125, 100, 88, 80));
            rounds.add(new Round(PairedWork.BATCH, 2, 100, 100, 100, 55, 50));
        }

        Median versusPlain = PairedSummary.of("loom", PairedWork.BATCH, rounds).versusPlain();

        assertThat(versusPlain.value()).isCloseTo(0.91, within(0.005));
        assertThat(versusPlain.count()).isEqualTo(60);
    }

    @Test
    void roundsOfOtherWorkOrCoresAreRefused() {
        List<Round> mixed = List.of(round(PairedWork.BATCH, 2, 2), round(PairedWork.PRIME, 2, 2));

        assertThatThrownBy(() -> PairedSummary.of("rxjava", PairedWork.BATCH, mixed))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PairedSummary.of("rxjava", PairedWork.BATCH, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        Round fourCores = new Round(PairedWork.BATCH, 4, 100, 100, 100, 100, 100);
        assertThatThrownBy(() -> PairedSummary.of("rxjava", PairedWork.BATCH,
                List.of(round(PairedWork.BATCH, 2, 2), fourCores))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReportShowsEveryRowWithItsVerdictOrWhyThereIsNone() {
        List<Round> full = IntStream.range(0, 25).mapToObj(i -> round(PairedWork.BATCH, 1.97, 1.92)).toList();
        List<Round> slow = IntStream.range(0, 25).mapToObj(i -> round(PairedWork.PRIME, 1.6, 1.5)).toList();

        String report = PairedReport.markdown(List.of(PairedSummary.of("reactor", PairedWork.BATCH, full),
                PairedSummary.of("reactor", PairedWork.PRIME, slow)), java.time.Instant.EPOCH, 10, 25, 2, "25",
                "0.1 0.2 0.3", "1.0 1.1 1.2");

        assertThat(report).contains("| seed batch | reactor | 1.97× ", "| 25 of 25 | 1.92× ", "| ≥ 1.9× | met |")
                .contains("| ≥ 0.95 | met | 25 of 25 |")
                .contains("| single 16-digit prime | reactor | 1.60× ", "| 0 of 25 | – | ≥ 1.8× | no verdict")
                .contains("| 0.94 [0.94–0.94] | ≥ 0.90 | met | 0 of 25 |")
                .contains("| met | 1.00 [1.00–1.00] |\n")
                .contains("load average 0.1 0.2 0.3 before, 1.0 1.1 1.2 after");
    }
}
