package io.github.primeflow.reactor;

import io.github.primeflow.PrimalityTest;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** Wraps a kernel: counts calls, records threads, concurrency, exits and what the kernel threw. */
final class ProbeKernel implements PrimalityTest {

    final PrimalityTest delegate;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger exits = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicLong lastExitNanos = new AtomicLong();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final Queue<Throwable> thrown = new ConcurrentLinkedQueue<>();
    final Queue<Long> numbers = new ConcurrentLinkedQueue<>();
    /** Runs on the kernel's thread before the delegate; may block or throw. */
    volatile LongConsumer beforeCall = n -> { };

    ProbeKernel(PrimalityTest delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean isPrime(long n) {
        calls.incrementAndGet();
        numbers.add(n);
        threads.add(Thread.currentThread().getName());
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            beforeCall.accept(n);
            return delegate.isPrime(n);
        } catch (RuntimeException | Error e) {
            thrown.add(e);
            throw e;
        } finally {
            running.decrementAndGet();
            lastExitNanos.set(System.nanoTime());
            exits.incrementAndGet();
        }
    }

    @Override
    public String toString() {
        return "probe(" + delegate + ")";
    }
}
