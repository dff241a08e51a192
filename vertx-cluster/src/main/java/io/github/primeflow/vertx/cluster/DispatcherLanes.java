package io.github.primeflow.vertx.cluster;

import io.github.primeflow.engine.Batch;
import io.github.primeflow.engine.SignalContext;
import io.github.primeflow.engine.Workers;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The cluster checker's pipelines on its {@link Dispatcher}'s event-loop context: their drain loops run there,
 * and their batches go to the dispatcher, which sends them to worker nodes. No kernel call runs in this JVM
 * (unless it is also a worker node), so a long trial division finds no local helpers.
 */
final class DispatcherLanes implements Workers, Workers.Lane, SignalContext {

    private static final Executor NO_HELPERS = task -> {
        throw new RejectedExecutionException("kernel calls of the cluster checker run on worker nodes");
    };

    private final Dispatcher dispatcher;
    private final Context context;

    DispatcherLanes(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.context = dispatcher.context();
    }

    @Override
    public Lane newLane() {
        return this;
    }

    @Override
    public Executor helpers() {
        return NO_HELPERS;
    }

    @Override
    public void start(Batch batch) {
        onContext(() -> dispatcher.submit(batch));
    }

    @Override
    public void stop(Batch batch) {
        onContext(() -> dispatcher.stop(batch));
    }

    /** On the context's event-loop thread, whichever of its (duplicated) contexts runs there. */
    @Override
    public boolean isCurrent() {
        return ((ContextInternal) context).executor().inThread();
    }

    @Override
    public void execute(Runnable task) {
        context.runOnContext(ignored -> task.run());
    }

    private void onContext(Runnable task) {
        if (isCurrent()) {
            task.run();
        } else {
            execute(task);
        }
    }
}
