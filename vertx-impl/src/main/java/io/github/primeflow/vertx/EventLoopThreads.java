package io.github.primeflow.vertx;

import io.vertx.core.Context;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Recognises Vert.x event-loop threads: by Vert.x's default thread names, and by having seen a
 * subscription's coordination run on a thread (which catches event loops with custom thread factories).
 * Worker threads ({@code vert.x-worker-thread-*}, the checker's {@code primeflow-cpu-*} pool) never match.
 */
final class EventLoopThreads {

    private static final Map<Thread, Boolean> SEEN = Collections.synchronizedMap(new WeakHashMap<>());

    private EventLoopThreads() {
    }

    /** Remembers the current thread if it is running an event-loop context. */
    static void noteCurrent() {
        if (Context.isOnEventLoopThread()) {
            SEEN.putIfAbsent(Thread.currentThread(), Boolean.TRUE);
        }
    }

    static boolean isEventLoop(Thread thread) {
        String name = thread.getName();
        return name.startsWith("vert.x-eventloop-thread-") || name.startsWith("vert.x-acceptor-thread-")
                || SEEN.containsKey(thread);
    }
}
