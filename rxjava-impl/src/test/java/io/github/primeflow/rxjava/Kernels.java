package io.github.primeflow.rxjava;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.concurrent.atomic.AtomicInteger;

/** Test kernels and schedulers. */
final class Kernels {

    /** A prime that trial division needs about 5 s for when not interrupted. */
    static final long BIG_PRIME = 9_223_372_036_854_775_783L;

    private Kernels() {
    }

    static CheckerOptions.Builder options() {
        return CheckerOptions.builder().parallelism(2);
    }

    /** Miller–Rabin, after spinning (not sleeping) for {@code micros} microseconds: a kernel of known cost. */
    static PrimalityTest spinning(long micros) {
        return n -> {
            long end = System.nanoTime() + micros * 1_000;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return PrimalityTest.millerRabin().isPrime(n);
        };
    }

    /** Delegates to another scheduler and counts the tasks handed to {@link #scheduleDirect(Runnable)}. */
    static final class CountingScheduler extends Scheduler {
        final AtomicInteger tasks = new AtomicInteger();
        private final Scheduler delegate;

        CountingScheduler(Scheduler delegate) {
            this.delegate = delegate;
        }

        Scheduler delegate() {
            return delegate;
        }

        @Override
        public Worker createWorker() {
            return delegate.createWorker();
        }

        @Override
        public Disposable scheduleDirect(Runnable run) {
            tasks.incrementAndGet();
            return delegate.scheduleDirect(run);
        }
    }
}
