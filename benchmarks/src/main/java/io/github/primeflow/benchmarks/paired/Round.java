package io.github.primeflow.benchmarks.paired;

/**
 * One round's five times, in nanoseconds, of the same work.
 *
 * @param work the work
 * @param cores the backend's parallelism and the control's thread count
 * @param oneThread a plain loop on one thread
 * @param allCores that loop on every core at once, each thread timing its own whole work: the harmonic mean of
 *     their times ({@link #sharedTime}), how long each work took at the rate the cores ran together
 * @param sequential the {@code sequential} backend
 * @param backend the backend under test
 * @param plainParallel a plain program on {@code cores} pooled threads with the same kernel
 *     ({@link PairedRounds.Subject#PLAIN_PARALLEL})
 */
record Round(PairedWork work, int cores, long oneThread, long allCores, long sequential, long backend,
        long plainParallel) {

    private static final String TAG = "round";

    /**
     * The time in which threads that ran at these rates would have done one work each had they shared all of it, as
     * a backend shares its work: {@code threadNanos.length} over the sum of the rates. The wall time of the slowest
     * thread would count a core that ran slower than the others as if every core had.
     *
     * @param threadNanos how long each thread took for the whole work, each positive
     * @return the harmonic mean of the times
     */
    static long sharedTime(long... threadNanos) {
        double rate = 0;
        for (long nanos : threadNanos) {
            rate += 1.0 / nanos;
        }
        return Math.round(threadNanos.length / rate);
    }

    /**
     * What the machine gave plain threads in this round: the sum over the cores of one thread's time alone over its
     * time with every core busy; {@code cores} when the cores do not slow each other down.
     *
     * @return the control's speedup
     */
    double control() {
        return (double) cores * oneThread / allCores;
    }

    /**
     * The backend's speedup over {@code sequential} in this round, the figure workload A's target is about.
     *
     * @return {@code sequential / backend}
     */
    double speedup() {
        return (double) sequential / backend;
    }

    /**
     * The backend against plain code with the same kernel in this round: above 1 when the backend was faster.
     *
     * @return {@code plainParallel / backend}
     */
    double versusPlain() {
        return (double) plainParallel / backend;
    }

    /**
     * The line a child JVM prints for this round; {@link #parse} reads it back.
     *
     * @return space-separated fields
     */
    String line() {
        return String.join(" ", TAG, work.name(), Integer.toString(cores), Long.toString(oneThread),
                Long.toString(allCores), Long.toString(sequential), Long.toString(backend), Long.toString(plainParallel));
    }

    /**
     * Reads a line of {@link #line()}.
     *
     * @param line a line of a child's output
     * @return the round, or {@code null} when the line is not a round (a child's other output)
     */
    static Round parse(String line) {
        String[] fields = line.trim().split(" ");
        if (fields.length != 8 || !fields[0].equals(TAG)) {
            return null;
        }
        return new Round(PairedWork.valueOf(fields[1]), Integer.parseInt(fields[2]), Long.parseLong(fields[3]),
                Long.parseLong(fields[4]), Long.parseLong(fields[5]), Long.parseLong(fields[6]),
                Long.parseLong(fields[7]));
    }
}
