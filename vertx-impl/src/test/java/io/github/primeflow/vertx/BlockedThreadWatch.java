package io.github.primeflow.vertx;

import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Listens to Vert.x's blocked-thread checker (JUL logger {@value #LOGGER}) and keeps every warning it raises.
 * Pair it with {@link #tightOptions()}: an event-loop task longer than 100 ms is reported within ~20 ms, instead
 * of Vert.x's default 2 s. Holds a strong reference to the JUL logger, which would otherwise be collectable and
 * lose the handler. Close it to detach.
 */
final class BlockedThreadWatch implements AutoCloseable {

    static final String LOGGER = "io.vertx.core.impl.BlockedThreadChecker";

    private final Logger logger = Logger.getLogger(LOGGER);
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                Throwable stack = record.getThrown();
                warnings.add(record.getMessage() + (stack == null ? "" : " at " + describe(stack)));
            }
        }

        @Override
        public void flush() {
            // nothing buffered
        }

        @Override
        public void close() {
            // nothing to release
        }
    };

    private static String describe(Throwable stack) {
        StringBuilder text = new StringBuilder();
        StackTraceElement[] frames = stack.getStackTrace();
        for (int i = 0; i < Math.min(12, frames.length); i++) {
            text.append(i == 0 ? "" : " <- ").append(frames[i]);
        }
        return text.toString();
    }

    BlockedThreadWatch() {
        logger.addHandler(handler);
    }

    /**
     * Vert.x options whose blocked-thread checker flags event-loop tasks over 100 ms, checking every 20 ms, with
     * the blocked thread's stack (kept in {@link #warnings()}).
     */
    static VertxOptions tightOptions() {
        return new VertxOptions()
                .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(20).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(100).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
    }

    /** The warnings so far, e.g. "Thread ... has been blocked for 122 ms, time limit is 100 ms". */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * The warnings, minus those raised while Vert.x itself shuts down: closing a {@code Vertx} starts Netty
     * threads from an event loop ({@code VertxImpl.deleteCacheDirAndShutdown}), which on a loaded 2-core
     * machine can take over 100 ms. That is Vert.x's code, not work anyone put on the loop.
     */
    List<String> warningsOutsideShutdown() {
        return warnings.stream().filter(w -> !w.contains("deleteCacheDirAndShutdown") && !w.contains("VertxImpl.close"))
                .toList();
    }

    /** Forgets the warnings so far (e.g. raised while classes were first loaded on a loop). */
    void clear() {
        warnings.clear();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
