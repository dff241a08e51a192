package io.github.primeflow.blocking;

import java.util.List;
import java.util.Objects;

/**
 * One blocking call, or one call of a CPU-heavy method, that BlockHound caught on a thread that must not do
 * it. Captured on the offending thread, at the moment of the call; immutable.
 *
 * @param kind what was wrong
 * @param threadName the name of the offending thread
 * @param eventLoops the names of the registered {@link EventLoopThreads} the thread belongs to; empty for a
 *     thread that is non-blocking for another reason (Reactor {@code parallel()}, RxJava computation, Netty)
 * @param method the blocked or marked method, as BlockHound names it: {@code java.lang.Thread.sleepNanos0}
 *     for a static method, {@code io.github.primeflow.TrialDivision#isPrime} for an instance method
 * @param stackTrace the offending thread's stack, the blocked or marked method first (BlockHound's own frames
 *     removed)
 */
public record BlockingViolation(Kind kind, String threadName, List<String> eventLoops, String method,
        List<StackTraceElement> stackTrace) {

    /** What a violation is about. */
    public enum Kind {
        /** A method marked CPU-heavy ran on a registered event-loop thread. */
        CPU_ON_EVENT_LOOP,
        /** A blocking call (sleep, park, I/O, wait, ...) ran on a non-blocking thread. */
        BLOCKING_CALL
    }

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if any component is null
     */
    public BlockingViolation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(method, "method");
        eventLoops = List.copyOf(eventLoops);
        stackTrace = List.copyOf(stackTrace);
    }

    /**
     * A multi-line description: kind, method, thread and loops, then the stack trace as {@code \tat} lines.
     *
     * @return the description, ending with a newline
     */
    public String describe() {
        StringBuilder out = new StringBuilder()
                .append(kind).append(": ").append(method)
                .append(" on thread \"").append(threadName).append('"');
        if (!eventLoops.isEmpty()) {
            out.append(" (event loops: ").append(String.join(", ", eventLoops)).append(')');
        }
        out.append('\n');
        return StackTraces.appendTo(out, stackTrace).toString();
    }
}
