package io.github.primeflow.loom;

import io.github.primeflow.PrimalityTest;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Wraps a kernel like the test kit does: counts calls, records their threads and concurrency, can hold
 * chosen numbers until released (interruptibly) and can fail on a chosen number.
 */
final class ProbeKernel implements PrimalityTest {
    final PrimalityTest delegate;
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    final AtomicInteger interrupted = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicLong lastInterruptNanos = new AtomicLong();
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    final Queue<Long> calls = new ConcurrentLinkedQueue<>();
    final Map<Long, CountDownLatch> gates = new ConcurrentHashMap<>();
    volatile boolean holdAll;
    final CountDownLatch releaseAll = new CountDownLatch(1);
    volatile long failOn = Long.MIN_VALUE;
    volatile LongConsumer onStart = n -> { };
    volatile boolean recordCalls = true;

    ProbeKernel(PrimalityTest delegate) {
        this.delegate = delegate;
    }

    /** Holds {@code n} until {@link #release(long)}. */
    void hold(long n) {
        gates.put(n, new CountDownLatch(1));
    }

    void release(long n) {
        gates.get(n).countDown();
    }

    @Override
    public boolean isPrime(long n) {
        onStart.accept(n);
        started.incrementAndGet();
        threads.add(Thread.currentThread());
        if (recordCalls) {
            calls.add(n);
        }
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            CountDownLatch gate = holdAll ? releaseAll : gates.get(n);
            if (gate != null) {
                gate.await();
            }
            if (n == failOn) {
                throw new ArithmeticException("probe failure for " + n);
            }
            return delegate.isPrime(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted.incrementAndGet();
            lastInterruptNanos.set(System.nanoTime());
            throw new CancellationException("probe interrupted at " + n);
        } catch (CancellationException e) {
            interrupted.incrementAndGet();
            lastInterruptNanos.set(System.nanoTime());
            throw e;
        } finally {
            running.decrementAndGet();
            finished.incrementAndGet();
        }
    }

    @Override
    public String toString() {
        return "probe(" + delegate + ")";
    }
}
