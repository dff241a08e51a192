package io.github.primeflow.blocking;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Recognises the thread types of known libraries by class name, so that none of them is a dependency:
 * Netty's {@code FastThreadLocalThread} (and Vert.x's {@code VertxThread}) with its
 * {@code permitBlockingCalls()}, RxJava 3's {@code NonBlockingThread} marker, virtual threads and
 * fork-join workers. Lookups are cached per thread class.
 */
final class ThreadKinds {

    static final String NETTY_THREAD = "io.netty.util.concurrent.FastThreadLocalThread";
    static final String VERTX_THREAD = "io.vertx.core.impl.VertxThread";
    static final String RXJAVA3_NON_BLOCKING = "io.reactivex.rxjava3.internal.schedulers.NonBlockingThread";
    static final String REACTOR_NON_BLOCKING = "reactor.core.scheduler.NonBlocking";

    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    /** {@code permitBlockingCalls()} of the class's {@code FastThreadLocalThread} ancestor, or null. */
    private static final ClassValue<MethodHandle> PERMIT_BLOCKING_CALLS = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            Class<?> netty = ancestorNamed(type, NETTY_THREAD);
            if (netty == null) {
                return null;
            }
            try {
                return MethodHandles.publicLookup()
                        .findVirtual(netty, "permitBlockingCalls", MethodType.methodType(boolean.class));
            } catch (ReflectiveOperationException e) {
                return null; // a Netty without the method: treat its threads as not permitting blocking
            }
        }
    };

    private static final ClassValue<Boolean> VERTX = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return ancestorNamed(type, VERTX_THREAD) != null;
        }
    };

    private static final ClassValue<Boolean> RXJAVA3 = implementing(RXJAVA3_NON_BLOCKING);
    private static final ClassValue<Boolean> REACTOR = implementing(REACTOR_NON_BLOCKING);

    private ThreadKinds() {
    }

    /** A Netty thread that does not permit blocking calls: a Netty (or Vert.x) event loop. */
    static boolean isNettyEventLoop(Thread t) {
        return PERMIT_BLOCKING_CALLS.get(t.getClass()) != null && !permitsBlockingCalls(t);
    }

    /** A Vert.x thread that is not a worker. */
    static boolean isVertxEventLoop(Thread t) {
        return VERTX.get(t.getClass()) && !permitsBlockingCalls(t);
    }

    /** A Netty or Vert.x thread whose {@code permitBlockingCalls()} is true, e.g. a Vert.x worker. */
    static boolean permitsBlockingCalls(Thread t) {
        MethodHandle permit = PERMIT_BLOCKING_CALLS.get(t.getClass());
        if (permit == null) {
            return false;
        }
        try {
            return (boolean) permit.invoke(t);
        } catch (Throwable e) {
            return false;
        }
    }

    /** An RxJava 3 computation or single thread. */
    static boolean isRxJava3NonBlocking(Thread t) {
        return RXJAVA3.get(t.getClass());
    }

    /** A Reactor {@code parallel()} or {@code single()} thread (they implement {@code NonBlocking}). */
    static boolean isReactorNonBlocking(Thread t) {
        return REACTOR.get(t.getClass());
    }

    /** A Netty event loop of Reactor Netty: its threads are named {@code reactor-<protocol>-<transport>-<n>}. */
    static boolean isReactorNettyEventLoop(Thread t) {
        return t.getName().startsWith("reactor-") && isNettyEventLoop(t);
    }

    /** Virtual threads and fork-join workers: BlockHound cannot police them (see the package notes). */
    static boolean isNeverPoliced(Thread t) {
        return t instanceof ForkJoinWorkerThread || isVirtual(t);
    }

    static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invoke(t);
        } catch (Throwable e) {
            return false;
        }
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup()
                    .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null; // Java 17 and 18: no virtual threads
        }
    }

    private static ClassValue<Boolean> implementing(String interfaceName) {
        return new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                    for (Class<?> i : c.getInterfaces()) {
                        if (i.getName().equals(interfaceName)) {
                            return true;
                        }
                    }
                }
                return false;
            }
        };
    }

    private static Class<?> ancestorNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
