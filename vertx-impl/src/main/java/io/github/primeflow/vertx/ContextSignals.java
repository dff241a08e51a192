package io.github.primeflow.vertx;

import io.github.primeflow.engine.SignalContext;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;

/**
 * A pipeline's signals on one Vert.x event-loop context: the drain loop runs in place on that context's event-loop
 * thread, whichever context the caller is on there (a duplicated context of an HTTP request shares its thread),
 * and is handed over with {@code runOnContext} from anywhere else.
 */
final class ContextSignals implements SignalContext {

    private final Context context;

    ContextSignals(Context context) {
        this.context = context;
    }

    @Override
    public boolean isCurrent() {
        return ((ContextInternal) context).executor().inThread();
    }

    @Override
    public void execute(Runnable task) {
        context.runOnContext(ignored -> {
            EventLoopThreads.noteCurrent();
            task.run();
        });
    }

    @Override
    public String toString() {
        return context.toString();
    }
}
