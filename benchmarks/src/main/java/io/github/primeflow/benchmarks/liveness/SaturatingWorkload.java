package io.github.primeflow.benchmarks.liveness;

import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload B over and over: checks {@code [1, rangeEnd)} and subscribes again when it completes, so every
 * worker of the backend stays busy until {@link #stop()}.
 *
 * <p>The subscription is driven from a {@link TickLoop}, the way an application's loop would use a checker:
 * it subscribes there and every {@value #REQUEST_BATCH} results it asks for more from there. A backend that
 * did CPU work inside {@code subscribe} or {@code request} would thus delay that loop's ticks. (On a Vert.x
 * context the results also arrive on that loop.)
 */
final class SaturatingWorkload {

    /** Results requested at a time. */
    static final int REQUEST_BATCH = 1024;

    private final PrimeChecker checker;
    private final TickLoop loop;
    private final long rangeEnd;
    private final AtomicLong checked = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Throwable failure;
    private volatile Flow.Subscription current;

    private SaturatingWorkload(PrimeChecker checker, TickLoop loop, long rangeEnd) {
        this.checker = checker;
        this.loop = loop;
        this.rangeEnd = rangeEnd;
    }

    /**
     * Starts the first pass from {@code loop}.
     *
     * @param checker the checker under test
     * @param loop the loop that subscribes and requests
     * @param rangeEnd one past the last number of a pass
     * @return the running workload
     */
    static SaturatingWorkload start(PrimeChecker checker, TickLoop loop, long rangeEnd) {
        SaturatingWorkload workload = new SaturatingWorkload(checker, loop, rangeEnd);
        loop.execute(workload::subscribe);
        return workload;
    }

    /** How many numbers have been checked so far. */
    long checked() {
        return checked.get();
    }

    /** The error that ended a pass, if any. */
    Throwable failure() {
        return failure;
    }

    /** Cancels the running pass and starts no other. */
    void stop() {
        stopped.set(true);
        Flow.Subscription subscription = current;
        if (subscription != null) {
            subscription.cancel();
        }
    }

    private void subscribe() {
        if (!stopped.get()) {
            checker.checkRange(1, rangeEnd).subscribe(new Pass());
        }
    }

    /** One pass over the range. */
    private final class Pass implements Flow.Subscriber<PrimeResult> {
        private Flow.Subscription subscription;
        private long receivedInBatch;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            current = s;
            if (stopped.get()) {
                s.cancel();
                return;
            }
            // Two batches ahead, so the backend never waits for the loop.
            loop.execute(() -> s.request(2L * REQUEST_BATCH));
        }

        @Override
        public void onNext(PrimeResult result) {
            checked.incrementAndGet();
            if (++receivedInBatch == REQUEST_BATCH) {
                receivedInBatch = 0;
                loop.execute(() -> subscription.request(REQUEST_BATCH));
            }
        }

        @Override
        public void onError(Throwable error) {
            if (!stopped.get()) {
                failure = error;
            }
        }

        @Override
        public void onComplete() {
            loop.execute(SaturatingWorkload.this::subscribe);
        }
    }
}
