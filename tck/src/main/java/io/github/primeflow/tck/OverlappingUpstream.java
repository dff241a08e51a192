package io.github.primeflow.tck;

import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A source of numbers that keeps to the demand it is given but calls {@code onNext} from two threads at once
 * (breaking §1.3), until it is cancelled or {@code budget} has passed; then it completes.
 *
 * <p>Overlap by luck is rare on a loaded machine when a backend asks for one number at a time, so the
 * upstream forces it: when a backend calls {@code request(n)} from inside one emitter's {@code onNext}, that
 * call waits (up to 10 ms) until the other emitter has delivered a number into the backend, which is then
 * certainly inside two {@code onNext} calls at once. Backends that ask from elsewhere give both emitters
 * demand at once; then the emitters meet before each call (waiting up to 50 µs for each other), so that their
 * calls start within nanoseconds of each other, and overlap even in a backend whose {@code onNext} only
 * queues the number and returns.
 */
final class OverlappingUpstream implements Flow.Publisher<Long> {

    private static final long HANDOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MEET_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final long deadline;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicLong next = new AtomicLong(1_000_000);
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    /** Arrivals at the meeting point before a call: odd while one emitter waits there for the other. */
    private final AtomicInteger arrivals = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Emitter[] emitters = {new Emitter(0), new Emitter(1)};
    private volatile Flow.Subscriber<? super Long> subscriber;
    private volatile boolean cancelled;

    OverlappingUpstream(Duration budget) {
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Long> s) {
        subscriber = s;
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n > 0 && demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b) == 0
                        && !started.getAndSet(true)) {
                    running.set(2);
                    for (Emitter e : emitters) {
                        Thread t = new Thread(e, "primeflow-tck-upstream-" + e.index);
                        t.setDaemon(true);
                        t.start();
                    }
                }
                for (Emitter e : emitters) {
                    if (e.thread == Thread.currentThread() && e.inOnNext) {
                        emitters[1 - e.index].awaitOneDelivery();
                    }
                }
            }

            @Override
            public void cancel() {
                cancelled = true;
            }
        });
    }

    boolean cancelled() {
        return cancelled;
    }

    long emitted() {
        return emitted.get();
    }

    /** How many times the two emitters were inside {@code onNext} at the same moment, as far as they saw. */
    int overlaps() {
        return overlaps.get();
    }

    /** Whether both emitter threads have ended. */
    boolean stopped() {
        return started.get() && running.get() == 0;
    }

    private boolean over() {
        return cancelled || System.nanoTime() - deadline >= 0;
    }

    private final class Emitter implements Runnable {
        final int index;
        volatile Thread thread;
        volatile boolean inOnNext;
        final AtomicLong deliveries = new AtomicLong();

        Emitter(int index) {
            this.index = index;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                while (!over()) {
                    if (!takeOne()) {
                        continue;
                    }
                    meetTheOther();
                    inOnNext = true;
                    if (inside.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    emitted.incrementAndGet();
                    subscriber.onNext(next.getAndIncrement());
                    inside.decrementAndGet();
                    inOnNext = false;
                    deliveries.incrementAndGet();
                }
            } finally {
                inOnNext = false;
                if (running.decrementAndGet() == 0 && !cancelled) {
                    subscriber.onComplete(); // the last emitter to stop, alone: the one signal that keeps §1.3
                }
            }
        }

        /** Waits (briefly) until the other emitter is about to call {@code onNext} too. */
        private void meetTheOther() {
            if ((arrivals.incrementAndGet() & 1) == 0) {
                return; // the other one is waiting: go together
            }
            long until = System.nanoTime() + MEET_NANOS;
            while ((arrivals.get() & 1) == 1 && System.nanoTime() - until < 0 && !over()) {
                Thread.onSpinWait();
            }
        }

        /** Takes one unit of demand, waiting briefly for it; false if there was none. */
        private boolean takeOne() {
            for (int spins = 0; spins < 10_000; spins++) {
                long d = demand.get();
                if (d == Long.MAX_VALUE || (d > 0 && demand.compareAndSet(d, d - 1))) {
                    return true;
                }
                if (over()) {
                    return false;
                }
                Thread.onSpinWait();
            }
            LockSupport.parkNanos(20_000); // a backend busy with its window: stop burning a core
            return false;
        }

        /** Waits until this emitter has delivered one more number (or stopped), at most 10 ms. */
        void awaitOneDelivery() {
            long before = deliveries.get();
            long start = System.nanoTime();
            while (deliveries.get() == before && running.get() > 0 && !over()
                    && System.nanoTime() - start < HANDOFF_NANOS) {
                Thread.onSpinWait();
            }
        }
    }
}
