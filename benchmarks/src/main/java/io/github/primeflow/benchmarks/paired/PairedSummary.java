package io.github.primeflow.benchmarks.paired;

import io.github.primeflow.benchmarks.report.TargetCheck;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * One backend's rounds of one piece of work, summarised, and the verdicts on workload A's target that they give.
 *
 * <p>Two verdicts, each needing at least {@value #MIN_ROUNDS} rounds:
 * <ul>
 *   <li>{@link #verdict()}, the target as written (a speedup over {@code sequential}), taken on the <em>full-core
 *       rounds</em> only: those whose control shows the machine giving plain threads at least
 *       {@value #FULL_CORE_SHARE} of every core. In the other rounds two cores did not do twice one core's work for
 *       anyone, so a speedup of 1.9× was out of reach whatever the backend did; counting them would judge the
 *       machine's minute instead of the backend. The control and the speedup share no measurement (the control's
 *       reference is a plain loop, the speedup's is the {@code sequential} backend), so choosing rounds by the
 *       control does not choose the ones where the speedup's own reference happened to be slow.
 *   <li>{@link #shareVerdict()}, the target as a share of the cores (1.8× of 2 cores is 0.9), against what the
 *       machine gave plain threads in the same round: the speedup over the control's, over all rounds. A slow
 *       minute lowers both figures of a round, so this verdict judges what the backend itself loses on every
 *       machine, and a backend that adds hand-offs or leaves a core idle fails it in any minute.
 * </ul>
 *
 * @param backend the backend's name
 * @param work the work
 * @param cores the backend's parallelism and the control's thread count
 * @param control the control's speedup over all rounds
 * @param speedup the backend's speedup over {@code sequential}, over all rounds
 * @param shareOfControl the backend's speedup over the control's, round by round: what the backend itself loses
 * @param fullCoreSpeedup the speedup over the full-core rounds, empty when there were none
 * @param versusPlain the backend against plain code with the same kernel, round by round ({@link
 *     Round#versusPlain()}): no verdict, it says whether what the backend loses is its own or the kernel's and the
 *     machine's
 */
record PairedSummary(String backend, PairedWork work, int cores, Median control, Median speedup,
        Median shareOfControl, Optional<Median> fullCoreSpeedup, Median versusPlain) {

    /** The share of {@code cores} the control must reach for a round to count towards the verdict. */
    static final double FULL_CORE_SHARE = 0.975;

    /** How many rounds a verdict needs: full-core rounds for {@link #verdict()}, any for the share. */
    static final int MIN_ROUNDS = 20;

    /**
     * Summarises rounds.
     *
     * @param backend the backend's name
     * @param work the work the rounds did
     * @param rounds that work's rounds, at least one
     * @return the summary
     * @throws IllegalArgumentException if there are no rounds, or one is of other work or other cores
     */
    static PairedSummary of(String backend, PairedWork work, List<Round> rounds) {
        if (rounds.isEmpty() || rounds.stream().anyMatch(
                round -> round.work() != work || round.cores() != rounds.get(0).cores())) {
            throw new IllegalArgumentException("need rounds of " + work + " on one number of cores, got " + rounds);
        }
        List<Round> fullCore = rounds.stream()
                .filter(round -> round.control() >= FULL_CORE_SHARE * round.cores())
                .toList();
        return new PairedSummary(backend, work, rounds.get(0).cores(), median(rounds, Round::control),
                median(rounds, Round::speedup), median(rounds, round -> round.speedup() / round.control()),
                fullCore.isEmpty() ? Optional.empty() : Optional.of(median(fullCore, Round::speedup)),
                median(rounds, Round::versusPlain));
    }

    private static Median median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        return Median.of(rounds.stream().mapToDouble(figure).toArray());
    }

    /**
     * The verdict on the target, from the full-core rounds.
     *
     * @return the check, or empty when fewer than {@value #MIN_ROUNDS} rounds had full cores
     */
    Optional<TargetCheck> verdict() {
        return fullCoreSpeedup.filter(median -> median.count() >= MIN_ROUNDS)
                .map(median -> new TargetCheck("A.paired." + work.name().toLowerCase() + "." + backend,
                        backend + ": " + work.description() + ", speedup over sequential in full-core rounds",
                        median.estimate(), TargetCheck.Comparison.AT_LEAST, work.target()));
    }

    /**
     * The verdict on the target as a share of the cores, from the speedup over the control's in every round.
     *
     * @return the check, or empty when there were fewer than {@value #MIN_ROUNDS} rounds
     */
    Optional<TargetCheck> shareVerdict() {
        return Optional.of(shareOfControl).filter(median -> median.count() >= MIN_ROUNDS)
                .map(median -> new TargetCheck("A.paired.share." + work.name().toLowerCase() + "." + backend,
                        backend + ": " + work.description() + ", speedup over the control's in every round",
                        median.estimate(), TargetCheck.Comparison.AT_LEAST, shareTarget()));
    }

    /**
     * The target as a share of the cores: what {@link #shareOfControl()} must reach.
     *
     * @return {@code work.target() / cores}
     */
    double shareTarget() {
        return work.target() / cores;
    }

    /**
     * How many rounds had full cores.
     *
     * @return 0 when none
     */
    int fullCoreRounds() {
        return fullCoreSpeedup.map(Median::count).orElse(0);
    }
}
