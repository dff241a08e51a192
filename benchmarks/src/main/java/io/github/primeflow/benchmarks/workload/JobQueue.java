package io.github.primeflow.benchmarks.workload;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The seed's {@code procs.py} in Java: a fixed set of worker threads takes numbers from a job queue in input
 * order, puts one result per number into a result queue, and stops at a poison pill; the caller feeds the
 * jobs, one pill per worker, and collects until every worker has said it is done.
 *
 * <p>Differences from the seed, both for the sake of 10<sup>7</sup>-number workloads: the job queue is
 * bounded (the caller blocks instead of boxing every number up front), and threads rather than processes do
 * the work (the JVM has no GIL). Threads are started per call and joined before it returns, like the seed's
 * processes, so nothing outlives a benchmark invocation.
 */
public final class JobQueue {

    /** The poison pill. Never a workload number: every workload checks non-negative numbers. */
    private static final long POISON = Long.MIN_VALUE;
    /** Bound of the job queue: enough to keep every worker fed, small enough to stay in cache. */
    private static final int JOB_QUEUE_CAPACITY = 1024;
    /** What a worker puts into the result queue when it took its pill. */
    private static final PrimeResult WORKER_DONE = new PrimeResult(POISON, false, 0);

    private JobQueue() {
    }

    /**
     * Checks the numbers on {@code workers} new threads and counts the primes.
     *
     * @param numbers the numbers, consumed in order by the calling thread
     * @param workers how many worker threads, at least 1
     * @param test the kernel
     * @return how many results were prime
     * @throws IllegalStateException if a worker failed or the caller was interrupted
     */
    public static long countPrimes(PrimitiveIterator.OfLong numbers, int workers, PrimalityTest test) {
        BlockingQueue<Long> jobs = new ArrayBlockingQueue<>(JOB_QUEUE_CAPACITY);
        BlockingQueue<PrimeResult> results = new LinkedBlockingQueue<>();
        List<Thread> threads = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofPlatform().name("job-queue-worker-" + i).start(() -> work(jobs, results, test)));
        }
        try {
            long primes = 0;
            int done = 0;
            while (numbers.hasNext()) {
                jobs.put(numbers.nextLong());
                primes += drainReady(results);
            }
            for (int i = 0; i < workers; i++) {
                jobs.put(POISON);
            }
            // Same loop as the seed's: count results until every worker reported done.
            while (done < workers) {
                PrimeResult result = results.take();
                if (result == WORKER_DONE) {
                    done++;
                } else if (result.prime()) {
                    primes++;
                }
            }
            return primes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.forEach(Thread::interrupt);
            throw new IllegalStateException("interrupted", e);
        } finally {
            joinAll(threads);
        }
    }

    /**
     * Takes the results already waiting, without blocking, so the result queue stays short while feeding.
     * Worker-done markers cannot appear yet: no pill has been sent.
     */
    private static long drainReady(BlockingQueue<PrimeResult> results) {
        long primes = 0;
        PrimeResult result;
        while ((result = results.poll()) != null) {
            if (result.prime()) {
                primes++;
            }
        }
        return primes;
    }

    private static void work(BlockingQueue<Long> jobs, BlockingQueue<PrimeResult> results, PrimalityTest test) {
        try {
            for (long n = jobs.take(); n != POISON; n = jobs.take()) {
                long start = System.nanoTime();
                boolean prime = test.isPrime(n);
                results.add(new PrimeResult(n, prime, System.nanoTime() - start));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Also on failure, so the caller never waits forever; the missing results show as a wrong count.
            results.add(WORKER_DONE);
        }
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
