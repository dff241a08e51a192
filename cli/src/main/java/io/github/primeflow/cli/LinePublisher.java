package io.github.primeflow.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Numbers read from a reader, one per line, on demand: a reader thread reads a line only when the
 * subscriber has requested one, so memory stays constant however long the input. Single use (stdin can
 * be read once). A malformed line ends the stream with a {@link UsageException} naming the line.
 */
final class LinePublisher implements Flow.Publisher<Long> {
    private final BufferedReader reader;
    private final String source;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    LinePublisher(BufferedReader reader, String source) {
        this.reader = reader;
        this.source = source;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Long> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException(source + " can be read only once"));
            return;
        }
        Lines lines = new Lines(subscriber);
        subscriber.onSubscribe(lines);
        Thread reading = new Thread(lines::run, "primeflow-" + source);
        reading.setDaemon(true);
        reading.start();
    }

    private final class Lines implements Flow.Subscription {
        private final Flow.Subscriber<? super Long> subscriber;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition wanted = lock.newCondition();
        private long demand;
        private boolean cancelled;
        private Throwable badRequest;
        /** Set with {@code cancelled} or {@code badRequest}, read without the lock on every line. */
        private volatile boolean stopRequested;

        Lines(Flow.Subscriber<? super Long> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            lock.lock();
            try {
                if (n <= 0) {
                    badRequest = new IllegalArgumentException("Reactive Streams rule 3.9: request(n) needs n > 0, got "
                            + n);
                    stopRequested = true;
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
                wanted.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                cancelled = true;
                stopRequested = true;
                wanted.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /**
         * Waits for demand and takes all of it, so that the reader locks once per request rather than once per
         * line; returns 0 if the stream should stop.
         */
        private long awaitDemand() throws InterruptedException {
            lock.lock();
            try {
                while (demand == 0 && !cancelled && badRequest == null) {
                    wanted.await();
                }
                if (cancelled) {
                    return 0;
                }
                if (badRequest != null) {
                    cancelled = true;
                    subscriber.onError(badRequest);
                    return 0;
                }
                long granted = demand;
                demand = 0;
                return granted;
            } finally {
                lock.unlock();
            }
        }

        void run() {
            long lineNumber = 0;
            long granted = 0;
            try {
                while (true) {
                    // A cancel or a bad request(n) is seen within a line, however much demand is already granted.
                    if (granted == 0 || stopRequested) {
                        granted = awaitDemand();
                        if (granted == 0) {
                            return;
                        }
                    }
                    String line = reader.readLine();
                    if (line == null) {
                        subscriber.onComplete();
                        return;
                    }
                    lineNumber++;
                    long number = Inputs.number(line.strip(), source + " line " + lineNumber);
                    granted--;
                    subscriber.onNext(number);
                }
            } catch (UsageException | IOException e) {
                if (!isCancelled()) {
                    subscriber.onError(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean isCancelled() {
            lock.lock();
            try {
                return cancelled;
            } finally {
                lock.unlock();
            }
        }
    }
}
