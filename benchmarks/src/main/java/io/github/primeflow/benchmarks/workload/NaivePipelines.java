package io.github.primeflow.benchmarks.workload;

import io.github.primeflow.PrimalityTest;
import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.LongStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The per-number pipelines users write first with each library: one task, one scheduler hop and one
 * completion per number. They are the baselines that show what primeflow's batching buys.
 *
 * <p>The virtual-thread and Vert.x variants bound the numbers in flight with a semaphore of
 * {@link #IN_FLIGHT} permits, the default concurrency of Reactor's {@code flatMap}: unbounded, they would park
 * 10<sup>7</sup> threads or queue 10<sup>7</sup> tasks at once and measure the garbage collector instead.
 */
public final class NaivePipelines {

    /** Numbers in flight for the semaphore-bounded variants: Reactor's default {@code flatMap} concurrency. */
    public static final int IN_FLIGHT = 256;

    private NaivePipelines() {
    }

    /**
     * Reactor: {@code flatMap(n -> Mono.fromCallable(...).subscribeOn(Schedulers.parallel()))}.
     *
     * @param numbers the numbers; consumed
     * @param test the kernel
     * @return how many are prime
     */
    public static long reactor(LongStream numbers, PrimalityTest test) {
        Long primes = Flux.fromStream(numbers.boxed())
                .flatMap(n -> Mono.fromCallable(() -> test.isPrime(n)).subscribeOn(Schedulers.parallel()))
                .filter(Boolean::booleanValue)
                .count()
                .block();
        return primes == null ? 0 : primes;
    }

    /**
     * RxJava 3: {@code flatMap(n -> Flowable.fromCallable(...).subscribeOn(Schedulers.computation()))}.
     *
     * @param numbers the numbers; consumed
     * @param test the kernel
     * @return how many are prime
     */
    public static long rxJava(LongStream numbers, PrimalityTest test) {
        return Flowable.fromStream(numbers.boxed())
                .flatMap(n -> Flowable.fromCallable(() -> test.isPrime(n))
                        .subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.computation()))
                .filter(Boolean::booleanValue)
                .count()
                .blockingGet();
    }

    /**
     * A virtual thread per number, on a fresh {@code newVirtualThreadPerTaskExecutor()} (whose
     * {@code close()} waits for them all).
     *
     * @param numbers the numbers; consumed
     * @param test the kernel
     * @return how many are prime
     */
    public static long virtualThreadPerNumber(LongStream numbers, PrimalityTest test) {
        LongAdder primes = new LongAdder();
        Semaphore permits = new Semaphore(IN_FLIGHT);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            numbers.forEach(n -> {
                permits.acquireUninterruptibly();
                executor.execute(() -> {
                    try {
                        if (test.isPrime(n)) {
                            primes.increment();
                        }
                    } finally {
                        permits.release();
                    }
                });
            });
        }
        return primes.sum();
    }

    /**
     * Vert.x: {@code executeBlocking} per number on a worker pool, unordered, counting in the completion
     * handler.
     *
     * @param numbers the numbers; consumed
     * @param workers the worker pool (sized to the parallelism by the caller)
     * @param test the kernel
     * @return how many are prime
     * @throws IllegalStateException if a check failed
     */
    public static long vertxExecuteBlocking(LongStream numbers, WorkerExecutor workers, PrimalityTest test) {
        LongAdder primes = new LongAdder();
        LongAdder failures = new LongAdder();
        Semaphore permits = new Semaphore(IN_FLIGHT);
        numbers.forEach(n -> {
            permits.acquireUninterruptibly();
            workers.executeBlocking(() -> test.isPrime(n), false).onComplete(result -> {
                if (result.failed()) {
                    failures.increment();
                } else if (result.result()) {
                    primes.increment();
                }
                permits.release();
            });
        });
        permits.acquireUninterruptibly(IN_FLIGHT); // every completion handler has run
        if (failures.sum() > 0) {
            throw new IllegalStateException(failures.sum() + " checks failed");
        }
        return primes.sum();
    }
}
