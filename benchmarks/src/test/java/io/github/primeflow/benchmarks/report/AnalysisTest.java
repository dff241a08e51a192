package io.github.primeflow.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    private final Report report = Fixtures.report();

    @Test
    void seedBatchSpeedupIsSequentialTimeOverBackendTimeOfTheSameRun() {
        Section a = section("A");
        Row vertx2 = row(a, "vertx", 2);
        Row loom2 = row(a, "loom", 2);

        assertThat(vertx2.ratio().value()).isCloseTo(1.5, within(1e-12));
        assertThat(loom2.ratio().value()).isCloseTo(2.0, within(1e-12));
        assertThat(row(a, "sequential", null).ratio().value()).isEqualTo(1.0);
        assertThat(row(a, "jobQueue", null).ratio().value()).isCloseTo(900.0 / 545, within(1e-12));
    }

    @Test
    void theSeedBatchTargetAppliesAtParallelismEqualToCoresOnly() {
        Section a = section("A");

        assertThat(row(a, "loom", 1).target()).isNull();
        assertThat(row(a, "loom", 2).target().met()).isTrue();
        assertThat(row(a, "vertx", 2).target().met()).isFalse();
        assertThat(row(a, "vertx", 2).target().threshold()).isEqualTo(Analysis.SEED_SPEEDUP);
    }

    @Test
    void theAllCoresControlCountsOneBatchPerCoreAndIsNamedInEverySeedBatchTarget() {
        Section a = section("A");

        Row control = row(a, "allCores (control)", 2);
        assertThat(control.ratio().value()).isCloseTo(2 * 900.0 / 947, within(1e-12));
        assertThat(control.target()).isNull();
        assertThat(row(a, "vertx", 2).target().description())
                .isEqualTo("seed batch: vertx speedup over sequential, parallelism 2 (plain loops on all cores: 1.90× ± 0.0262)");
    }

    @Test
    void singlePrimeIsJudgedAgainstTheSequentialRow() {
        Section single = section("A1");

        assertThat(row(single, "sequential", null).target()).isNull();
        Row reactor = row(single, "reactor", null);
        assertThat(reactor.ratio().value()).isCloseTo(100.0 / 52, within(1e-12));
        assertThat(reactor.target().met()).isTrue();
    }

    @Test
    void fineAndVeryFineAreRelativeToParallelStreamAndToTheSameLibrarysNaivePipeline() {
        for (String id : List.of("B", "C")) {
            Section section = section(id);
            Row rxjava = row(section, "rxjava", null);
            Row vertx = row(section, "vertx", null);

            assertThat(rxjava.ratio().value()).isCloseTo(0.5, within(1e-12));
            assertThat(rxjava.naiveRatio().value()).isCloseTo(6000.0 / 200, within(1e-12));
            assertThat(vertx.naiveRatio().value()).isCloseTo(1000.0 / 110, within(1e-12));
            assertThat(rxjava.target().met()).isFalse();
            assertThat(vertx.target().met()).isTrue();
        }
        assertThat(row(section("B"), "loom", null).target().threshold()).isEqualTo(Analysis.FINE_RELATIVE);
        assertThat(row(section("C"), "loom", null).target().threshold()).isEqualTo(Analysis.VERY_FINE_RELATIVE);
        assertThat(section("B").title()).contains("rangeEnd = 1000000");
    }

    @Test
    void oneNumberIsRelativeToSupplyAsyncOfTheSameKernelAndWindow() {
        List<JmhResult> run = new java.util.ArrayList<>(Fixtures.fullRun());
        for (String inFlight : List.of("1", "16", "256")) {
            run.add(Fixtures.result("OneNumberBenchmark.supplyAsync", 10, 0.1, "algorithm", "trial",
                    "inFlight", inFlight));
            for (String backend : Analysis.BACKENDS) {
                // rxjava takes 1.5x the baseline's time (0.67x: a throughput miss, within 2x latency), the rest 1.1x.
                run.add(Fixtures.result("OneNumberBenchmark.backend", backend.equals("rxjava") ? 15 : 11, 0.1,
                        "algorithm", "trial", "inFlight", inFlight, "backend", backend));
            }
        }
        Section f = Analysis.analyse(run, List.of(), "2026-12-03T18:00:00Z", "Test JDK 25", 2, "test")
                .sections().stream().filter(s -> s.id().equals("F")).findFirst().orElseThrow();

        Row rxjava256 = f.rows().stream().filter(r -> r.subject().equals("rxjava (trial, 256 in flight)"))
                .findFirst().orElseThrow();
        assertThat(rxjava256.ratio().value()).isCloseTo(10.0 / 15, within(1e-12));
        assertThat(rxjava256.target().met()).isFalse();
        assertThat(rxjava256.target().threshold()).isEqualTo(Analysis.ONE_NUMBER_THROUGHPUT);
        Row rxjava1 = f.rows().stream().filter(r -> r.subject().equals("rxjava (trial, 1 in flight)"))
                .findFirst().orElseThrow();
        assertThat(rxjava1.target().met()).isTrue();
        assertThat(rxjava1.target().threshold()).isEqualTo(Analysis.ONE_NUMBER_LATENCY);
        assertThat(f.rows().stream().filter(r -> r.subject().contains("16 in flight") && r.target() != null))
                .isEmpty();
        assertThat(f.rows()).hasSize(3 * 5);
    }

    @Test
    void kernelTargets() {
        Map<String, TargetCheck> targets = targetsById();

        assertThat(targets.get("K.trialDivision").measured().value()).isCloseTo(1.02, within(1e-12));
        assertThat(targets.get("K.trialDivision").met()).isTrue();
        assertThat(targets.get("K.millerRabin").met()).isTrue();
    }

    @Test
    void livenessTargetsCheckP99AndMaxOfEveryLoop() {
        Map<String, TargetCheck> targets = targetsById();

        assertThat(targets.get("D.vertx.pipeline.p99").met()).isTrue();
        assertThat(targets.get("D.vertx.pipeline.max").met()).isTrue();
        assertThat(targets.get("D.vertx.caller.p99").met()).isFalse();
        assertThat(targets.get("D.vertx.caller.max").met()).isFalse();
        assertThat(targets).noneSatisfy((id, target) -> assertThat(id).startsWith("D.control"));
    }

    @Test
    void everyBackendGetsEveryTargetInAFullRun() {
        // 4 backends x (A, A single, B, C) + 2 kernels + 2 loops x 2 liveness figures.
        assertThat(report.targets()).hasSize(4 * 4 + 2 + 4);
    }

    @Test
    void withoutItsReferenceASectionHasNoRatiosAndNoTargets() {
        List<JmhResult> withoutParallel = Fixtures.fullRun().stream()
                .filter(r -> !r.benchmark().equals("FineRangeBenchmark.parallelStream"))
                .toList();

        Report partial = Analysis.analyse(withoutParallel, List.of(), "d", "jdk", 2, "subset");

        Section b = partial.sections().stream().filter(s -> s.id().equals("B")).findFirst().orElseThrow();
        assertThat(b.rows()).allSatisfy(r -> {
            assertThat(r.ratio()).isNull();
            assertThat(r.target()).isNull();
        });
    }

    @Test
    void sectionsThatWereNotRunAreLeftOut() {
        List<JmhResult> onlyKernels = Fixtures.fullRun().stream()
                .filter(r -> r.benchmark().startsWith("KernelBenchmark"))
                .toList();

        Report partial = Analysis.analyse(onlyKernels, List.of(), "d", "jdk", 2, "subset");

        assertThat(partial.sections()).extracting(Section::id).containsExactly("K");
    }

    private Section section(String id) {
        return report.sections().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private static Row row(Section section, String subject, Integer parallelism) {
        return section.rows().stream()
                .filter(r -> r.subject().equals(subject))
                .filter(r -> parallelism == null || parallelism.equals(r.parallelism()))
                .findFirst().orElseThrow();
    }

    private Map<String, TargetCheck> targetsById() {
        return report.targets().stream().collect(Collectors.toMap(TargetCheck::id, Function.identity()));
    }
}
