package io.github.primeflow.blocking;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An event loop that ran a tick of an {@link EventLoopLagMonitor} more than its stall threshold late,
 * together with what the loop thread was running meanwhile. Immutable.
 *
 * @param loop the monitor's name for the loop
 * @param threadName the name of the loop thread, or {@code "unknown"} if no tick had run on it yet
 * @param lateness how late the tick ran; a lower bound if {@code ongoing}
 * @param ongoing {@code true} if the tick had still not run when the stall was reported
 * @param stackTrace the loop thread's stack, sampled once the tick was a stall threshold late (top frame
 *     first); empty if the loop thread was unknown or the tick ran before the sample was taken
 */
public record Stall(String loop, String threadName, Duration lateness, boolean ongoing,
        List<StackTraceElement> stackTrace) {

    /**
     * Copies the stack.
     *
     * @throws NullPointerException if any component is null
     */
    public Stall {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(lateness, "lateness");
        stackTrace = List.copyOf(stackTrace);
    }

    /**
     * Whether the sampled stack shows the loop thread waiting for work (in its selector or its executor's
     * queue) although the tick was pending: then no code held the loop, the thread was waiting to be woken or
     * scheduled, which on an overloaded machine the OS, not the loop's code, delays. {@code false} without a
     * stack.
     *
     * @return {@code true} if the loop was idle when sampled
     */
    public boolean loopIdle() {
        for (StackTraceElement frame : stackTrace) {
            if (StackTraces.isIdleWait(frame)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A multi-line description: loop, thread, lateness, then the sampled stack as {@code \tat} lines.
     *
     * @return the description, ending with a newline
     */
    public String describe() {
        StringBuilder out = new StringBuilder()
                .append("event loop ").append(loop).append(" (thread \"").append(threadName).append("\") stalled ")
                .append(ongoing ? "for at least " : "for ").append(lateness.toMillis()).append(" ms")
                .append(ongoing ? " and still is" : "").append(", running:\n");
        return StackTraces.appendTo(out, stackTrace).toString();
    }
}
