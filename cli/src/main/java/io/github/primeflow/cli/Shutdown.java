package io.github.primeflow.cli;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Ctrl-C: a shutdown hook closes every open checker, which cancels its checks; errors are then quiet. */
final class Shutdown {
    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean shuttingDown;

    private Shutdown() {
    }

    static void installHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            for (AutoCloseable open : OPEN) {
                try {
                    open.close();
                } catch (Exception ignored) {
                    // exiting anyway: nothing to report
                }
            }
        }, "primeflow-shutdown"));
    }

    static boolean isShuttingDown() {
        return shuttingDown;
    }

    static <T extends AutoCloseable> T track(T resource) {
        OPEN.add(resource);
        return resource;
    }

    static void untrack(AutoCloseable resource) {
        OPEN.remove(resource);
    }
}
