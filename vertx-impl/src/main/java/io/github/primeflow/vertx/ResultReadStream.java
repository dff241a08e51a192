package io.github.primeflow.vertx;

import io.github.primeflow.PrimeResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * A Vert.x {@link ReadStream} over a result publisher. Its state is confined to {@link #context}, the same
 * event-loop context the publisher's subscription signals on (the publisher is subscribed from it), so results
 * arrive and handlers run there. Methods called from elsewhere hop onto the context. Demand: flowing mode keeps
 * up to {@code window} results requested; paused, it requests nothing and buffers what is already on the way
 * (at most {@code window}); {@link #fetch(long)} adds demand.
 */
final class ResultReadStream implements ReadStream<PrimeResult>, Flow.Subscriber<PrimeResult> {

    private final int window;
    private final Context context;
    private final Flow.Publisher<PrimeResult> results;

    private volatile Handler<PrimeResult> handler;
    private volatile Handler<Void> endHandler;
    private volatile Handler<Throwable> exceptionHandler;

    // ---- confined to the context ----
    private boolean subscribed;
    private Flow.Subscription subscription;
    private long demand = Long.MAX_VALUE; // flowing
    private long requested;
    private long received;
    private final ArrayDeque<PrimeResult> buffer = new ArrayDeque<>();
    private boolean upstreamDone;
    private Throwable error;
    private boolean ended;
    private boolean draining;
    private boolean missed;

    ResultReadStream(int window, Context context, Flow.Publisher<PrimeResult> results) {
        this.window = Math.max(1, window);
        this.context = context;
        this.results = results;
    }

    private void execute(Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
        }
    }

    @Override
    public ReadStream<PrimeResult> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public ReadStream<PrimeResult> handler(Handler<PrimeResult> handler) {
        this.handler = handler;
        execute(() -> {
            if (handler == null) {
                cancel();
            } else if (!subscribed && !ended) {
                subscribed = true;
                results.subscribe(this);
            }
        });
        return this;
    }

    @Override
    public ReadStream<PrimeResult> pause() {
        execute(() -> demand = 0);
        return this;
    }

    @Override
    public ReadStream<PrimeResult> resume() {
        execute(() -> {
            demand = Long.MAX_VALUE;
            drain();
        });
        return this;
    }

    @Override
    public ReadStream<PrimeResult> fetch(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("fetch(amount) needs amount >= 0, got " + amount);
        }
        execute(() -> {
            long sum = demand + amount;
            demand = sum < 0 ? Long.MAX_VALUE : sum;
            drain();
        });
        return this;
    }

    @Override
    public ReadStream<PrimeResult> endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        return this;
    }

    private void cancel() {
        ended = true;
        buffer.clear();
        if (subscription != null) {
            subscription.cancel();
        }
    }

    // ---- the result publisher's signals: already on the context ----

    @Override
    public void onSubscribe(Flow.Subscription s) {
        execute(() -> {
            if (subscription != null || ended) {
                s.cancel();
                return;
            }
            subscription = s;
            drain();
        });
    }

    @Override
    public void onNext(PrimeResult result) {
        execute(() -> {
            received++;
            buffer.add(result);
            drain();
        });
    }

    @Override
    public void onError(Throwable t) {
        execute(() -> {
            upstreamDone = true;
            error = t;
            drain();
        });
    }

    @Override
    public void onComplete() {
        execute(() -> {
            upstreamDone = true;
            drain();
        });
    }

    private void drain() {
        if (draining) {
            missed = true;
            return;
        }
        draining = true;
        try {
            do {
                missed = false;
                step();
            } while (missed);
        } finally {
            draining = false;
        }
    }

    private void step() {
        while (!ended && demand > 0 && !buffer.isEmpty()) {
            PrimeResult result = buffer.poll();
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            Handler<PrimeResult> h = handler;
            if (h != null) {
                try {
                    h.handle(result);
                } catch (RuntimeException e) {
                    cancel();
                    report(e);
                    return;
                }
            }
        }
        if (ended) {
            return;
        }
        if (upstreamDone && buffer.isEmpty()) {
            ended = true;
            if (error != null) {
                report(error);
            } else {
                Handler<Void> end = endHandler;
                if (end != null) {
                    end.handle(null);
                }
            }
            return;
        }
        Flow.Subscription s = subscription;
        if (s != null && !upstreamDone && demand > 0) {
            long want = window - (requested - received) - buffer.size();
            if (want > 0) {
                requested += want;
                s.request(want);
            }
        }
    }

    private void report(Throwable t) {
        Handler<Throwable> h = exceptionHandler;
        if (h != null) {
            h.handle(t);
        } else {
            VertxPrimeChecker.LOG.log(System.Logger.Level.ERROR, VertxPrimeChecker.NAME
                    + ": unhandled failure of a result ReadStream (no exceptionHandler set)", t);
        }
    }
}
