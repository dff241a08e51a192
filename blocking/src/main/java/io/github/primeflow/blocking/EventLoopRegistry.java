package io.github.primeflow.blocking;

import java.util.ArrayList;
import java.util.List;

/**
 * The event loops registered in this JVM. Registration is rare and synchronized; reads are lock-free (a
 * volatile immutable list) because they happen inside BlockHound's instrumentation. The version changes at
 * each registration, so per-thread verdicts cached against it are recomputed.
 */
final class EventLoopRegistry {

    private volatile List<EventLoopThreads> loops = List.of();
    private volatile int version;

    /**
     * Adds {@code added} unless the same instance is registered already.
     *
     * @return {@code false} if it was registered already
     * @throws IllegalArgumentException if a different instance with the same name is registered
     */
    synchronized boolean register(EventLoopThreads added) {
        for (EventLoopThreads existing : loops) {
            if (existing == added) {
                return false;
            }
            if (existing.name().equals(added.name())) {
                throw new IllegalArgumentException("another EventLoopThreads named '" + added.name()
                        + "' is registered already; names identify loops, so give these loops another name");
            }
        }
        List<EventLoopThreads> copy = new ArrayList<>(loops);
        copy.add(added);
        loops = List.copyOf(copy);
        version++;
        return true;
    }

    int version() {
        return version;
    }

    boolean anyContains(Thread thread) {
        for (EventLoopThreads loop : loops) {
            if (loop.contains(thread)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code thread} belongs to a registered set on which CPU-heavy methods are violations. */
    boolean policesCpuOn(Thread thread) {
        for (EventLoopThreads loop : loops) {
            if (!loop.cpuWorkAllowed() && loop.contains(thread)) {
                return true;
            }
        }
        return false;
    }

    /** The names of the registered loops {@code thread} belongs to; empty if none. */
    List<String> namesContaining(Thread thread) {
        List<String> names = null;
        for (EventLoopThreads loop : loops) {
            if (loop.contains(thread)) {
                if (names == null) {
                    names = new ArrayList<>(2);
                }
                names.add(loop.name());
            }
        }
        return names == null ? List.of() : List.copyOf(names);
    }
}
