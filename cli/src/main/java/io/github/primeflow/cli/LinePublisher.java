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
                wanted.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Waits for demand; returns false if the stream should stop. */
        private boolean awaitDemand() throws InterruptedException {
            lock.lock();
            try {
                while (demand == 0 && !cancelled && badRequest == null) {
                    wanted.await();
                }
                if (cancelled) {
                    return false;
                }
                if (badRequest != null) {
                    cancelled = true;
                    subscriber.onError(badRequest);
                    return false;
                }
                demand--;
                return true;
            } finally {
                lock.unlock();
            }
        }

        void run() {
            long lineNumber = 0;
            try {
                while (awaitDemand()) {
                    String line = reader.readLine();
                    if (line == null) {
                        subscriber.onComplete();
                        return;
                    }
                    lineNumber++;
                    long number = Inputs.number(line.strip(), source + " line " + lineNumber);
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
