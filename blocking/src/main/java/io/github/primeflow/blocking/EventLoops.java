package io.github.primeflow.blocking;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The loops of one framework, found by the framework's own means: the threads BlockHound polices (an
 * {@link EventLoopThreads} set per kind of thread) and one {@link Executor} per loop thread, on which a
 * {@link LagWatchdog} measures lag. One line per framework:
 *
 * <pre>{@code
 * EventLoops.vertx(vertx)          // every event-loop thread of that Vertx
 * EventLoops.netty(group)          // every EventExecutor of a Netty EventLoopGroup
 * EventLoops.reactor()             // Schedulers.parallel() and single(), and Reactor Netty's loops
 * EventLoops.rxJava()              // Schedulers.computation() and single()
 * EventLoops.executor("db", exec)  // a single-thread executor of yours
 * }</pre>
 *
 * <p>The frameworks are optional dependencies: each factory touches only its own framework's classes, and
 * only when it is called. The executors are resolved lazily, at the first {@link LagWatchdog} start, then
 * kept.
 *
 * <p><b>What is policed where.</b> Event loops (Vert.x, Netty, Reactor Netty, your executor): blocking calls
 * and CPU-heavy methods. Non-blocking CPU pools (Reactor {@code parallel()}/{@code single()}, RxJava
 * {@code computation()}/{@code single()}): blocking calls only. Lag: every thread that has an executor here;
 * a CPU pool's lag includes its legitimate CPU work, so give it a threshold above its longest task.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventLoops {

    /** One loop thread, reached through an executor that runs tasks on it in order. */
    record Loop(String name, Executor executor) {
    }

    private final String name;
    private final List<EventLoopThreads> threads;
    private final Supplier<List<Loop>> resolver;
    private volatile List<Loop> loops;

    private EventLoops(String name, List<EventLoopThreads> threads, Supplier<List<Loop>> resolver) {
        this.name = name;
        this.threads = List.copyOf(threads);
        this.resolver = resolver;
    }

    /**
     * Every event-loop thread of a Vert.x instance (its Netty event-loop group), for lag; for BlockHound, the
     * event-loop threads of every Vert.x instance ({@link EventLoopThreads#vertx()}). Worker threads,
     * {@code executeBlocking} and worker verticles are not loops.
     *
     * @param vertx a running Vert.x instance; close the watchdog before it
     * @return the loops, named {@code "vertx"}
     * @throws NullPointerException if {@code vertx} is null
     */
    public static EventLoops vertx(io.vertx.core.Vertx vertx) {
        Objects.requireNonNull(vertx, "vertx");
        return new EventLoops("vertx", List.of(EventLoopThreads.vertx()), () -> VertxLoops.loopsOf(vertx));
    }

    /**
     * Every {@code EventExecutor} of a Netty group (an {@code EventLoopGroup}, or any
     * {@code EventExecutorGroup}): for BlockHound, exactly the threads of this group; for lag, one monitor
     * per executor.
     *
     * @param name a short name for the group, used in violations and stalls; once registered with BlockHound
     *     (by a detector), no other group of this JVM may use it
     * @param group the group; its executors are listed once, now
     * @return the loops
     * @throws NullPointerException if an argument is null
     */
    public static EventLoops netty(String name, io.netty.util.concurrent.EventExecutorGroup group) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        NettyLoops netty = new NettyLoops(name, group);
        return new EventLoops(name, List.of(netty.threads()), netty::loops);
    }

    /**
     * Reactor's non-blocking threads: {@code Schedulers.parallel()} and {@code Schedulers.single()} (CPU
     * pools: blocking calls only) and Reactor Netty's event loops, threads named {@code reactor-*} (blocking
     * calls and CPU-heavy methods). Lag is measured on every {@code parallel()} thread and on
     * {@code single()}; Reactor Netty's loops are reached through {@link #netty(String,
     * io.netty.util.concurrent.EventExecutorGroup)} with their {@code LoopResources} group.
     *
     * @return the loops, named {@code "reactor"}
     */
    public static EventLoops reactor() {
        return new EventLoops("reactor", List.of(EventLoopThreads.REACTOR, EventLoopThreads.REACTOR_NETTY),
                ReactorLoops::loops);
    }

    /**
     * RxJava 3's non-blocking threads: {@code Schedulers.computation()} and {@code Schedulers.single()} (CPU
     * pools: blocking calls only). Lag is measured on every computation thread and on {@code single()}.
     *
     * @return the loops, named {@code "rxjava"}
     */
    public static EventLoops rxJava() {
        return new EventLoops("rxjava", List.of(EventLoopThreads.RXJAVA), RxJavaLoops::loops);
    }

    /**
     * A loop of your own: an executor that runs every task on one thread, in order (e.g.
     * {@code Executors.newSingleThreadExecutor()}). Its thread is learned by a task sent to it now, so it is
     * policed from the moment that task has run.
     *
     * @param name a short name for the loop, used in violations and stalls; once registered with BlockHound (by
     *     a detector), no other loop of this JVM may use it
     * @param loop the single-thread executor
     * @return the loop
     * @throws NullPointerException if an argument is null
     * @throws java.util.concurrent.RejectedExecutionException if {@code loop} rejects the task
     */
    public static EventLoops executor(String name, Executor loop) {
        Objects.requireNonNull(loop, "loop");
        ExecutorThread thread = new ExecutorThread();
        EventLoopThreads threads = EventLoopThreads.of(name, thread::is);
        loop.execute(thread::learn);
        return new EventLoops(name, List.of(threads), () -> List.of(new Loop(name, loop)));
    }

    /**
     * The name given to these loops, used in messages.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The thread sets to register with BlockHound ({@link BlockingPolicy#registerEventLoops(EventLoopThreads)}).
     *
     * @return an immutable list
     */
    public List<EventLoopThreads> threads() {
        return threads;
    }

    /** The loops, resolved once; framework calls, so not from inside BlockHound's callback. */
    List<Loop> loops() {
        List<Loop> resolved = loops;
        if (resolved == null) {
            resolved = List.copyOf(resolver.get());
            loops = resolved;
        }
        return resolved;
    }

    @Override
    public String toString() {
        return "EventLoops[" + name + "]";
    }

    /** The thread of a single-thread executor, learned from a task. */
    private static final class ExecutorThread {
        private volatile Thread thread;

        void learn() {
            thread = Thread.currentThread();
        }

        boolean is(Thread t) {
            return t == thread;
        }
    }

    /** {@code count} executors from {@code next}, e.g. one scheduler worker each. */
    static List<Executor> repeat(int count, Supplier<Executor> next) {
        List<Executor> executors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            executors.add(next.get());
        }
        return executors;
    }

    /** Names loops {@code prefix-0}, {@code prefix-1}, ... */
    static List<Loop> numbered(String prefix, List<Executor> executors) {
        List<Loop> loops = new ArrayList<>(executors.size());
        for (int i = 0; i < executors.size(); i++) {
            loops.add(new Loop(prefix + "-" + i, executors.get(i)));
        }
        return loops;
    }
}
