package io.github.primeflow.benchmarks.paired;

import io.github.primeflow.benchmarks.report.TargetCheck;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * One backend's rounds of one piece of work, summarised, and the verdict on workload A's target that they give.
 *
 * <p>The verdict is taken on the <em>full-core rounds</em> only: those whose control shows the machine giving
 * plain threads at least {@value #FULL_CORE_SHARE} of every core. In the other rounds two cores did not do twice
 * one core's work for anyone, so a speedup of 1.9× was out of reach whatever the backend did; counting them would
 * judge the machine's minute instead of the backend. With fewer than {@value #MIN_FULL_CORE_ROUNDS} such rounds
 * there is no verdict. The control and the speedup share no measurement (the control's reference is a plain
 * loop, the speedup's is the {@code sequential} backend), so choosing rounds by the control does not choose the
 * ones where the speedup's own reference happened to be slow.
 *
 * @param backend the backend's name
 * @param work the work
 * @param control the control's speedup over all rounds
 * @param speedup the backend's speedup over {@code sequential}, over all rounds
 * @param shareOfControl the backend's speedup over the control's, round by round: what the backend itself loses
 * @param fullCoreSpeedup the speedup over the full-core rounds, empty when there were none
 */
record PairedSummary(String backend, PairedWork work, Median control, Median speedup, Median shareOfControl,
        Optional<Median> fullCoreSpeedup) {

    /** The share of {@code cores} the control must reach for a round to count towards the verdict. */
    static final double FULL_CORE_SHARE = 0.975;

    /** How many full-core rounds a verdict needs. */
    static final int MIN_FULL_CORE_ROUNDS = 20;

    /**
     * Summarises rounds.
     *
     * @param backend the backend's name
     * @param work the work the rounds did
     * @param rounds that work's rounds, at least one
     * @return the summary
     * @throws IllegalArgumentException if there are no rounds or one is of other work
     */
    static PairedSummary of(String backend, PairedWork work, List<Round> rounds) {
        if (rounds.isEmpty() || rounds.stream().anyMatch(round -> round.work() != work)) {
            throw new IllegalArgumentException("need rounds of " + work + " only, got " + rounds);
        }
        List<Round> fullCore = rounds.stream()
                .filter(round -> round.control() >= FULL_CORE_SHARE * round.cores())
                .toList();
        return new PairedSummary(backend, work, median(rounds, Round::control), median(rounds, Round::speedup),
                median(rounds, round -> round.speedup() / round.control()),
                fullCore.isEmpty() ? Optional.empty() : Optional.of(median(fullCore, Round::speedup)));
    }

    private static Median median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        return Median.of(rounds.stream().mapToDouble(figure).toArray());
    }

    /**
     * The verdict on the target, from the full-core rounds.
     *
     * @return the check, or empty when fewer than {@value #MIN_FULL_CORE_ROUNDS} rounds had full cores
     */
    Optional<TargetCheck> verdict() {
        return fullCoreSpeedup.filter(median -> median.count() >= MIN_FULL_CORE_ROUNDS)
                .map(median -> new TargetCheck("A.paired." + work.name().toLowerCase() + "." + backend,
                        backend + ": " + work.description() + ", speedup over sequential in full-core rounds",
                        median.estimate(), TargetCheck.Comparison.AT_LEAST, work.target()));
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
