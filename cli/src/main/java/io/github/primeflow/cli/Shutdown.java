package io.github.primeflow.cli;

import java.io.Flushable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ctrl-C: a shutdown hook closes every open checker, which cancels its checks, then flushes every open output,
 * so that no line already printed is lost; errors are then quiet.
 */
final class Shutdown {
    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();
    private static final Set<Flushable> OUTPUTS = ConcurrentHashMap.newKeySet();
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
            for (Flushable output : OUTPUTS) {
                try {
                    output.flush();
                } catch (Exception ignored) {
                    // the reader of the output is gone: nothing to report
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

    /** Flushes {@code output} on exit, after the checkers are closed, until {@link #untrack untracked}. */
    static <T extends Flushable> T flushOnExit(T output) {
        OUTPUTS.add(output);
        return output;
    }

    static void untrack(Object resource) {
        OPEN.remove(resource);
        OUTPUTS.remove(resource);
    }
}
