package io.github.primeflow.blocking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;

/** The executors of a Netty group and the threads they run on; only loaded when Netty is used. */
final class NettyLoops {

    private final String name;
    private final List<EventExecutor> executors;

    NettyLoops(String name, EventExecutorGroup group) {
        this.name = name;
        List<EventExecutor> found = new ArrayList<>();
        group.forEach(found::add);
        this.executors = List.copyOf(found);
    }

    /** Exactly this group's threads: {@code inEventLoop(Thread)} compares with each executor's thread. */
    EventLoopThreads threads() {
        return EventLoopThreads.of(name, this::contains);
    }

    List<EventLoops.Loop> loops() {
        return EventLoops.numbered(name, new ArrayList<Executor>(executors));
    }

    private boolean contains(Thread thread) {
        for (EventExecutor executor : executors) {
            if (executor.inEventLoop(thread)) {
                return true;
            }
        }
        return false;
    }

    /** The executors of any Netty group, as plain executors. */
    static List<Executor> executorsOf(Object group) {
        List<Executor> found = new ArrayList<>();
        ((EventExecutorGroup) group).forEach(found::add);
        return found;
    }
}
