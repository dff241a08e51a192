package io.github.primeflow.benchmarks.report;

/**
 * One line of a results table.
 *
 * @param subject what ran: a backend name or a baseline
 * @param parallelism its parallelism, or {@code null} when not a parameter
 * @param score the JMH median with its error
 * @param unit the score's unit
 * @param ratio the section's ratio (speedup, relative throughput, ...), or {@code null} if its reference was
 *     not run
 * @param naiveRatio for backends in B and C: how many times the naive pipeline of the same library it is
 *     ({@code naive time / backend time}), else {@code null}
 * @param target the target this row is judged by, or {@code null}
 */
public record Row(String subject, Integer parallelism, Estimate score, String unit, Estimate ratio,
        Estimate naiveRatio, TargetCheck target) {
}
