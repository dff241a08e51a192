package io.github.primeflow.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Reactive Streams demand arithmetic: outstanding demand saturates at {@code Long.MAX_VALUE} (rule §3.17). */
public final class Demand {

    private Demand() {
    }

    /**
     * Adds {@code n > 0} to the demand, capped.
     *
     * @param requested the outstanding demand
     * @param n what is added
     * @return the demand before the addition
     */
    public static long add(AtomicLong requested, long n) {
        for (;;) {
            long current = requested.get();
            if (current == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            long next = current + n;
            if (next < 0) {
                next = Long.MAX_VALUE;
            }
            if (requested.compareAndSet(current, next)) {
                return current;
            }
        }
    }
}
