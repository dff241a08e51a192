package io.github.primeflow.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.tck.RecordingSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input order does not depend on which thread or context emits the numbers. Before the shared engine, a
 * subscription made on a duplicated context (an HTTP request's) compared contexts by identity: numbers emitted
 * inside {@code request()} were handled at once, numbers emitted from the base context were queued behind them,
 * and results came out of input order (56 of 300 runs with {@code maxInFlight} 8); a producer on a plain thread
 * broke it too (3 of 600).
 */
class InputOrderAcrossThreadsTest {

    private static final int RUNS = 300;
    private static final List<Long> NUMBERS = LongStream.range(1_000, 1_200).boxed().toList();

    private static Vertx vertx;
    private static VertxPrimeChecker checker;
    private static ExecutorService producer;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        checker = VertxPrimeChecker.create(CheckerOptions.builder().parallelism(2).maxInFlight(8).prefetch(8)
                .ordering(Ordering.INPUT_ORDER).primalityTest(PrimalityTest.millerRabin()).build(), vertx);
        producer = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stop() {
        checker.close();
        producer.shutdownNow();
        vertx.close().await();
    }

    @Test
    void numbersFromInsideRequestAndFromTheBaseContextOfADuplicatedOne() throws Exception {
        // The subscription is made on a duplicated context, as in an HTTP handler; the numbers come inside
        // request() and from the base context, all on the one event-loop thread.
        for (int run = 0; run < RUNS; run++) {
            ContextInternal base = (ContextInternal) vertx.getOrCreateContext();
            Context duplicated = base.duplicate();
            assertInputOrder(duplicated, new LoopPublisher(base));
        }
    }

    @Test
    void numbersFromAPlainThreadWhileTheLoopRequests() throws Exception {
        for (int run = 0; run < RUNS; run++) {
            Context context = vertx.getOrCreateContext();
            assertInputOrder(context, new SplitPublisher(producer::execute));
        }
    }

    private static void assertInputOrder(Context context, Flow.Publisher<Long> numbers) throws Exception {
        RecordingSubscriber<PrimeResult> results = RecordingSubscriber.unbounded();
        context.runOnContext(ignored -> checker.check(numbers).subscribe(results));
        results.awaitTermination(Duration.ofSeconds(60));
        assertThat(results.errors()).isEmpty();
        assertThat(results.items()).extracting(PrimeResult::number).isEqualTo(NUMBERS);
    }

    /**
     * Emits {@link #NUMBERS} on the event-loop thread only: one number inside each {@code request(n)}, the others
     * from tasks on {@code base}, one at a time, so a number emitted inside a later {@code request} may come while
     * tasks of earlier numbers still wait on the loop. Signals never overlap: they all run on one thread.
     */
    private static final class LoopPublisher implements Flow.Publisher<Long> {
        private final Context base;

        LoopPublisher(Context base) {
            this.base = base;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Long> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                private int next;
                private long owed;
                private boolean done;

                @Override
                public void request(long n) {
                    owed += n;
                    emitAndContinue();
                }

                private void emitAndContinue() {
                    if (done || owed == 0 || next == NUMBERS.size()) {
                        return; // the frame that emitted the last number completes, once its onNext returned
                    }
                    owed--;
                    subscriber.onNext(NUMBERS.get(next++));
                    if (next == NUMBERS.size() && !done) {
                        done = true;
                        subscriber.onComplete();
                    } else {
                        base.runOnContext(ignored -> emitAndContinue());
                    }
                }

                @Override
                public void cancel() {
                    done = true;
                }
            });
        }
    }

    /**
     * Emits {@link #NUMBERS}: within each {@code request(n)}, the first one at once (inside the call) and the
     * rest through {@code elsewhere}, one task per number. Signals stay serial (§1.3): a task runs only after the
     * previous emission has returned.
     */
    private static final class SplitPublisher implements Flow.Publisher<Long> {
        private final Consumer<Runnable> elsewhere;

        SplitPublisher(Consumer<Runnable> elsewhere) {
            this.elsewhere = elsewhere;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Long> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                private final AtomicBoolean emitting = new AtomicBoolean();
                private int next; // guarded by this
                private long owed; // guarded by this

                @Override
                public void request(long n) {
                    synchronized (this) {
                        owed += n;
                    }
                    if (emitting.compareAndSet(false, true)) {
                        emitOne();
                    }
                }

                /** One signal, then the next one from elsewhere, until the demand is met or the numbers end. */
                private void emitOne() {
                    Runnable signal;
                    boolean last;
                    synchronized (this) {
                        if (next < NUMBERS.size() && owed == 0 || next > NUMBERS.size()) {
                            emitting.set(false); // a later request() resumes
                            return;
                        }
                        last = next == NUMBERS.size();
                        if (last) {
                            signal = subscriber::onComplete;
                        } else {
                            owed--;
                            long number = NUMBERS.get(next);
                            signal = () -> subscriber.onNext(number);
                        }
                        next++;
                    }
                    signal.run();
                    if (!last) {
                        elsewhere.accept(this::emitOne);
                    }
                }

                @Override
                public synchronized void cancel() {
                    next = NUMBERS.size() + 1;
                }
            });
        }
    }
}
