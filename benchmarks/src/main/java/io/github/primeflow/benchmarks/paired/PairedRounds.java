package io.github.primeflow.benchmarks.paired;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.benchmarks.jmh.Backends;
import io.github.primeflow.benchmarks.workload.Baselines;
import io.github.primeflow.benchmarks.workload.Drain;
import io.github.primeflow.benchmarks.workload.Workloads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Workload A for one backend in this JVM, measured in rounds: each round does one piece of work five ways back to
 * back, as a pair (one plain thread and every core at once, the control) and a triple (the {@code sequential}
 * backend, the backend at parallelism = cores, and a plain program on as many threads with the same kernel, the
 * backend in the middle), in a drawn order, so the ratios of a round are taken on the same machine, within about
 * half a second.
 */
final class PairedRounds implements AutoCloseable {

    /** How a round's work is done. */
    enum Subject {
        /** A plain {@code for} loop on the calling thread: the control's reference. */
        ONE_THREAD,
        /**
         * The control: each of the cores runs {@link #ONE_THREAD}'s loop at the same time and times itself
         * ({@link Round#allCores()}).
         */
        ALL_CORES,
        /** The {@code sequential} backend: the reference of the speedup. */
        SEQUENTIAL,
        /** The backend under test. */
        BACKEND,
        /**
         * What plain Java code gets from the same kernel on as many pooled threads: each call's numbers pulled in
         * order by one task per core (at most one per number), every check helped by the same pool, as the
         * backends' kernel tasks are, and the caller waiting for the tasks.
         */
        PLAIN_PARALLEL
    }

    private final PrimalityTest test = PrimalityTest.trialDivision();
    private final int cores;
    private final ExecutorService threads;
    private final PrimeChecker sequential;
    private final PrimeChecker backend;
    private final Random order = new Random(Workloads.RANDOM_SEED);

    /**
     * Opens both checkers and the pool of the control and the plain program.
     *
     * @param backendName the backend under test, created through the public API
     * @param cores the parallelism of the backend and the number of pooled threads
     */
    PairedRounds(String backendName, int cores) {
        this.cores = cores;
        this.backend = Backends.open(backendName, cores, test); // first: an unknown name then leaves nothing open
        this.sequential = Backends.open(PrimeCheckers.SEQUENTIAL, 1, test);
        this.threads = Executors.newFixedThreadPool(cores);
    }

    /**
     * Measures one round.
     *
     * @param work what every subject does
     * @return the five times
     * @throws IllegalStateException if any subject counted the wrong number of primes
     */
    Round measure(PairedWork work) {
        // Each ratio's two times are taken next to each other, so that a change of the machine's speed between
        // them is as unlikely as the round allows (the backend sits between its two references); which group and
        // which end of a group comes first is drawn.
        List<List<Subject>> groups = new ArrayList<>(List.of(shuffled(Subject.ONE_THREAD, Subject.ALL_CORES),
                shuffled(Subject.SEQUENTIAL, Subject.BACKEND, Subject.PLAIN_PARALLEL)));
        Collections.shuffle(groups, order);
        long[] nanos = new long[Subject.values().length];
        for (Subject subject : groups.stream().flatMap(List::stream).toList()) {
            nanos[subject.ordinal()] = switch (subject) {
                case ONE_THREAD -> timed(work, () -> plainLoop(work));
                case ALL_CORES -> allCores(work);
                case SEQUENTIAL -> timed(work, () -> drain(sequential, work));
                case BACKEND -> timed(work, () -> drain(backend, work));
                case PLAIN_PARALLEL -> timed(work, () -> plainParallel(work));
            };
        }
        return new Round(work, cores, nanos[Subject.ONE_THREAD.ordinal()], nanos[Subject.ALL_CORES.ordinal()],
                nanos[Subject.SEQUENTIAL.ordinal()], nanos[Subject.BACKEND.ordinal()],
                nanos[Subject.PLAIN_PARALLEL.ordinal()]);
    }

    /** The subjects in their order or reversed, as drawn. */
    private List<Subject> shuffled(Subject... subjects) {
        List<Subject> inOrder = List.of(subjects);
        return order.nextBoolean() ? inOrder : inOrder.reversed();
    }

    /** Times {@code primes} on the calling thread, then checks its count. */
    private static long timed(PairedWork work, LongSupplier primes) {
        long start = System.nanoTime();
        long counted = primes.getAsLong();
        long nanos = System.nanoTime() - start;
        Workloads.verify(work.description(), work.expectedPrimes(), counted);
        return nanos;
    }

    private long plainLoop(PairedWork work) {
        long primes = 0;
        for (long[] call : work.calls()) {
            primes += Baselines.forLoop(call, test);
        }
        return primes;
    }

    /** Every core runs the plain loop at once; each thread times its own work. */
    private long allCores(PairedWork work) {
        return Round.sharedTime(onThreads(cores, () -> timed(work, () -> plainLoop(work))));
    }

    /** {@link Subject#PLAIN_PARALLEL}: the work as plain Java code would share it between the pool's threads. */
    private long plainParallel(PairedWork work) {
        long primes = 0;
        for (long[] call : work.calls()) {
            AtomicInteger next = new AtomicInteger();
            Callable<Long> pull = () -> {
                long found = 0;
                for (int i = next.getAndIncrement(); i < call.length; i = next.getAndIncrement()) {
                    if (test.isPrime(call[i], threads, cores)) {
                        found++;
                    }
                }
                return found;
            };
            // Never a task without a number: it would leave a thread awake for the helpers, which a backend's
            // idle worker is not.
            for (long found : onThreads(Math.min(cores, call.length), pull)) {
                primes += found;
            }
        }
        return primes;
    }

    /** Runs {@code tasks} copies of {@code task} on the pool and returns their results. */
    private long[] onThreads(int tasks, Callable<Long> task) {
        try {
            List<Future<Long>> done = threads.invokeAll(Collections.nCopies(tasks, task));
            long[] results = new long[tasks];
            for (int i = 0; i < tasks; i++) {
                results[i] = done.get(i).get();
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a pooled thread failed", e.getCause());
        }
    }

    private static long drain(PrimeChecker checker, PairedWork work) {
        long primes = 0;
        for (long[] call : work.calls()) {
            primes += Drain.countPrimes(checker.check(call));
        }
        return primes;
    }

    /** Closes both checkers and stops the pooled threads. */
    @Override
    public void close() {
        try (sequential; backend) {
            threads.shutdownNow();
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the control's threads did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
