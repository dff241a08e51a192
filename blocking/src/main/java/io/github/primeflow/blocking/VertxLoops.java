package io.github.primeflow.blocking;

import java.lang.reflect.Method;
import java.util.List;

import io.vertx.core.Vertx;

/**
 * The event loops of a Vert.x instance; only loaded when Vert.x is used. Vert.x 5 keeps its Netty group
 * behind {@code io.vertx.core.internal.VertxInternal#nettyEventLoopGroup()}, which every {@code Vertx} the
 * factories return implements; it is reached reflectively so that this class compiles against the public API.
 */
final class VertxLoops {

    private static final String VERTX_INTERNAL = "io.vertx.core.internal.VertxInternal";

    private VertxLoops() {
    }

    static List<EventLoops.Loop> loopsOf(Vertx vertx) {
        Object group;
        try {
            Method getter = Class.forName(VERTX_INTERNAL, true, vertx.getClass().getClassLoader())
                    .getMethod("nettyEventLoopGroup");
            group = getter.invoke(vertx);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot list the event loops of " + vertx.getClass().getName()
                    + ": expected a Vert.x 5 instance implementing " + VERTX_INTERNAL, e);
        }
        return EventLoops.numbered("vertx-eventloop", NettyLoops.executorsOf(group));
    }
}
