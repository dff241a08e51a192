package io.github.primeflow.blocking;

import java.util.Arrays;
import java.util.List;

/** Cuts and prints the stack traces that violations and stalls carry. */
final class StackTraces {

    /** Frames printed per stack in an assertion message; the rest is summarised as "... n more". */
    static final int MAX_PRINTED_FRAMES = 48;

    private static final String BLOCKHOUND_RUNTIME = "reactor.blockhound.BlockHoundRuntime";

    private StackTraces() {
    }

    /**
     * The frames of a stack captured inside a BlockHound callback, from the blocked method down: the frames
     * of the callback and of BlockHound's runtime are dropped.
     */
    static List<StackTraceElement> belowBlockHound(StackTraceElement[] captured) {
        for (int i = captured.length - 1; i >= 0; i--) {
            if (BLOCKHOUND_RUNTIME.equals(captured[i].getClassName())
                    && "checkBlocking".equals(captured[i].getMethodName())) {
                return List.of(Arrays.copyOfRange(captured, i + 1, captured.length));
            }
        }
        return List.of(captured);
    }

    /**
     * Whether {@code frame} is where an idle loop waits for work: a Netty or NIO selector, or a pool worker
     * waiting for its next task.
     */
    static boolean isIdleWait(StackTraceElement frame) {
        String type = frame.getClassName();
        String method = frame.getMethodName();
        return type.equals("java.util.concurrent.ThreadPoolExecutor") && method.equals("getTask")
                || type.equals("io.netty.util.concurrent.SingleThreadEventExecutor") && method.equals("takeTask")
                || type.equals("sun.nio.ch.SelectorImpl") && method.equals("lockAndDoSelect")
                || type.startsWith("io.netty.channel.epoll.") && method.startsWith("epollWait")
                || type.startsWith("io.netty.channel.kqueue.") && method.startsWith("kqueueWait");
    }

    /** Appends {@code stack} as {@code \tat frame} lines, like {@link Throwable#printStackTrace()}. */
    static StringBuilder appendTo(StringBuilder out, List<StackTraceElement> stack) {
        if (stack.isEmpty()) {
            return out.append("\t(no stack trace)\n");
        }
        int printed = Math.min(stack.size(), MAX_PRINTED_FRAMES);
        for (int i = 0; i < printed; i++) {
            out.append("\tat ").append(stack.get(i)).append('\n');
        }
        if (printed < stack.size()) {
            out.append("\t... ").append(stack.size() - printed).append(" more\n");
        }
        return out;
    }
}
