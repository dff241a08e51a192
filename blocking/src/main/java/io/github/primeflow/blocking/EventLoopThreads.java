package io.github.primeflow.blocking;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A named set of event-loop threads: the threads on which CPU-heavy methods (see
 * {@link BlockingPolicy#markCpuHeavy(Class, String)}) count as violations, and on which every blocking call
 * counts too. A <em>non-blocking pool</em> ({@link #nonBlockingPool(String, Predicate)}, e.g. Reactor's
 * {@code parallel()}) is a CPU pool: only its blocking calls count. Register one with
 * {@link BlockingPolicy#registerEventLoops(EventLoopThreads)}, through a {@link BlockingDetector}, or through
 * {@link EventLoops}, which knows the sets of the common frameworks.
 *
 * <p>The predicate runs on the thread being classified, from inside BlockHound's instrumentation, each time
 * the thread calls a blocking or marked method (its answer is cached per thread until another loop is
 * registered). It must be fast, side-effect free and must not block, lock or load classes.
 *
 * <p>The name identifies the loops: {@link BlockingViolation#eventLoops()} lists the names of the loops a
 * violating thread belongs to, and two different instances with the same name cannot both be registered.
 * Instances are immutable and thread-safe; the factories for known libraries return shared constants.
 */
public final class EventLoopThreads {

    private static final EventLoopThreads VERTX = new EventLoopThreads("vertx", ThreadKinds::isVertxEventLoop, false);
    private static final EventLoopThreads NETTY = new EventLoopThreads("netty", ThreadKinds::isNettyEventLoop, false);
    static final EventLoopThreads REACTOR = new EventLoopThreads("reactor", ThreadKinds::isReactorNonBlocking, true);
    static final EventLoopThreads REACTOR_NETTY = new EventLoopThreads("reactor-netty",
            ThreadKinds::isReactorNettyEventLoop, false);
    static final EventLoopThreads RXJAVA = new EventLoopThreads("rxjava", ThreadKinds::isRxJava3NonBlocking, true);

    private final String name;
    private final Predicate<? super Thread> predicate;
    private final boolean cpuWorkAllowed;

    private EventLoopThreads(String name, Predicate<? super Thread> predicate, boolean cpuWorkAllowed) {
        this.name = name;
        this.predicate = predicate;
        this.cpuWorkAllowed = cpuWorkAllowed;
    }

    /**
     * Event-loop threads chosen by a custom predicate, e.g. {@code t -> t.getName().startsWith("my-loop-")}.
     *
     * @param name a short name that identifies these loops in violations, e.g. {@code "my-loop"}
     * @param predicate {@code true} for threads that are event loops; see the class comment for its rules
     * @return the named set
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static EventLoopThreads of(String name, Predicate<? super Thread> predicate) {
        return new EventLoopThreads(requireName(name), Objects.requireNonNull(predicate, "predicate"), false);
    }

    /**
     * Non-blocking threads of a CPU pool, chosen by a custom predicate: blocking calls on them are violations,
     * CPU-heavy methods are not (that is what the pool is for).
     *
     * @param name a short name that identifies these threads in violations
     * @param predicate {@code true} for threads of the pool; see the class comment for its rules
     * @return the named set
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static EventLoopThreads nonBlockingPool(String name, Predicate<? super Thread> predicate) {
        return new EventLoopThreads(requireName(name), Objects.requireNonNull(predicate, "predicate"), true);
    }

    /**
     * Threads whose name starts with {@code prefix}, e.g. {@code "reactor-http-nio-"}.
     *
     * @param prefix the thread-name prefix, not empty
     * @return the set, named after the prefix
     * @throws NullPointerException if {@code prefix} is null
     * @throws IllegalArgumentException if {@code prefix} is empty
     */
    public static EventLoopThreads namedStartingWith(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix must not be empty");
        }
        return new EventLoopThreads(prefix + "*", t -> t.getName().startsWith(prefix), false);
    }

    /**
     * Vert.x event-loop threads: {@code io.vertx.core.impl.VertxThread}s that do not permit blocking calls
     * (Vert.x worker threads permit them, so {@code executeBlocking}, worker executors and worker verticles
     * are not event loops). Recognised by class name, so Vert.x need not be on the class path.
     *
     * @return the shared set named {@code "vertx"}
     */
    public static EventLoopThreads vertx() {
        return VERTX;
    }

    /**
     * Netty event-loop threads: {@code io.netty.util.concurrent.FastThreadLocalThread}s that do not permit
     * blocking calls. This includes the event loops of Vert.x and Reactor Netty. Recognised by class name, so
     * Netty need not be on the class path.
     *
     * @return the shared set named {@code "netty"}
     */
    public static EventLoopThreads netty() {
        return NETTY;
    }

    /**
     * The name that identifies these loops.
     *
     * @return the name given at creation
     */
    public String name() {
        return name;
    }

    /**
     * Whether CPU-heavy methods may run on these threads: {@code true} for a non-blocking pool.
     *
     * @return {@code false} for event loops
     */
    public boolean cpuWorkAllowed() {
        return cpuWorkAllowed;
    }

    /**
     * Whether {@code thread} is one of these event loops. Never throws: a predicate that throws counts as
     * {@code false}.
     *
     * @param thread the thread to classify, usually the current one
     * @return {@code true} if the predicate accepts the thread
     */
    public boolean contains(Thread thread) {
        try {
            return predicate.test(thread);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        return name;
    }

    @Override
    public String toString() {
        return "EventLoopThreads[" + name + "]";
    }
}
