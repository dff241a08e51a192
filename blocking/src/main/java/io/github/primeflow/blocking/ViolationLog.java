package io.github.primeflow.blocking;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The violations recorded since the last clear, appended lock-free from the offending threads. At most
 * {@code capacity} are kept (a hot loop calling a marked method on an event loop would otherwise fill the
 * heap with stack traces); the rest are only counted.
 */
final class ViolationLog {

    private final int capacity;
    private final ConcurrentLinkedQueue<BlockingViolation> kept = new ConcurrentLinkedQueue<>();
    private final AtomicInteger keptCount = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    ViolationLog(int capacity) {
        this.capacity = capacity;
    }

    /** Reserves room for one violation; if the log is full, counts it as dropped and returns false. */
    boolean reserve() {
        if (keptCount.incrementAndGet() > capacity) {
            keptCount.decrementAndGet();
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Adds a violation for which {@link #reserve()} returned true. */
    void add(BlockingViolation violation) {
        kept.add(violation);
    }

    List<BlockingViolation> snapshot() {
        return List.copyOf(kept);
    }

    long dropped() {
        return dropped.get();
    }

    void clear() {
        kept.clear();
        keptCount.set(0);
        dropped.set(0);
    }
}
