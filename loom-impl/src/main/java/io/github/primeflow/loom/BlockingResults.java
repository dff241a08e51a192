package io.github.primeflow.loom;

import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A subscriber that a single consuming thread reads by blocking: the bridge from the result publisher to
 * {@link LoomPrimeChecker#checkNow(long)}, {@link LoomPrimeChecker#checkAll(long...)} and
 * {@link LoomPrimeChecker#stream(long, long)}.
 *
 * <p>It requests {@code window} results at first and tops the demand up as the consumer takes them, so
 * the consumer's pace drives the work. The queue never holds more than the outstanding demand.
 */
final class BlockingResults implements Flow.Subscriber<PrimeResult> {

    private static final Object COMPLETE = new Object();
    private static final Object CANCELLED = new Object();

    private record Failed(Throwable error) {
    }

    private final long window;
    private final long refillAt;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    // Only touched by the consuming thread.
    private long taken;
    private boolean finished;

    /**
     * @param window the demand kept outstanding, or {@code Long.MAX_VALUE} for all at once
     */
    BlockingResults(long window) {
        this.window = window;
        this.refillAt = Math.max(1, window / 2);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription");
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(window);
        }
    }

    @Override
    public void onNext(PrimeResult result) {
        queue.add(result);
    }

    @Override
    public void onError(Throwable error) {
        queue.add(new Failed(error));
    }

    @Override
    public void onComplete() {
        queue.add(COMPLETE);
    }

    /** Cancels the subscription (now, or as soon as it arrives); idempotent, any thread. */
    void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        queue.add(CANCELLED); // wakes a consumer blocked in take()
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /**
     * Waits for the next result.
     *
     * @return the next result, or {@code null} when the stream completed
     * @throws InterruptedException if interrupted while waiting; the subscription is cancelled
     * @throws PrimeCheckException if the stream ended with an error
     */
    PrimeResult take() throws InterruptedException {
        if (finished) {
            return null;
        }
        if (cancelled) {
            finished = true;
            throw new PrimeCheckException(LoomPrimeChecker.NAME + ": the result stream was closed", null);
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            finished = true;
            cancel();
            throw e;
        }
        if (item instanceof PrimeResult result) {
            refill();
            return result;
        }
        finished = true;
        if (item == COMPLETE) {
            return null;
        }
        if (item == CANCELLED) {
            throw new PrimeCheckException(LoomPrimeChecker.NAME + ": the result stream was closed", null);
        }
        Throwable error = ((Failed) item).error();
        // Rethrow on the consumer's thread with its stack, keeping the original as the cause.
        String message = error instanceof PrimeCheckException ? error.getMessage()
                : LoomPrimeChecker.NAME + ": the result stream failed: " + error;
        throw new PrimeCheckException(message, error);
    }

    private void refill() {
        if (window == Long.MAX_VALUE) {
            return;
        }
        if (++taken >= refillAt) {
            long n = taken;
            taken = 0;
            subscription.request(n);
        }
    }

    /**
     * An iterator over the results for one consuming thread; {@code subscribe} runs on the first
     * {@code hasNext}, so nothing starts before the consumer asks.
     */
    Iterator<PrimeResult> iterator(Runnable subscribe) {
        return new Iterator<>() {
            private boolean subscribed;
            private PrimeResult next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (!subscribed) {
                    subscribed = true;
                    subscribe.run();
                }
                try {
                    next = take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PrimeCheckException(
                            LoomPrimeChecker.NAME + ": interrupted while waiting for the next result", e);
                }
                return next != null;
            }

            @Override
            public PrimeResult next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                PrimeResult result = next;
                next = null;
                return result;
            }
        };
    }
}
