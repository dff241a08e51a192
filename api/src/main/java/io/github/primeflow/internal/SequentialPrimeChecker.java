package io.github.primeflow.internal;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * The seed's {@code sequential.py} as a {@link PrimeChecker}: the reference every backend is compared with
 * and the baseline every benchmark divides by.
 *
 * <p>Threading: it owns no thread. Each kernel call runs on the thread that delivers the demand or the
 * number (inside {@code request} or the upstream's {@code onNext}), one number at a time, so results are
 * in input order whatever the {@link io.github.primeflow.Ordering}. It requests one number from upstream
 * at a time. {@code cancel()} and {@link #close()} take effect before the next kernel call; a call already
 * running finishes, because interrupting a caller's thread is not ours to do.
 */
final class SequentialPrimeChecker implements PrimeChecker {

    static final String NAME = "sequential";

    private final CheckerOptions options;
    private final Set<SequentialSubscription> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    SequentialPrimeChecker(CheckerOptions options) {
        this.options = options;
    }

    @Override
    public Flow.Publisher<PrimeResult> check(Flow.Publisher<Long> numbers) {
        Objects.requireNonNull(numbers, "numbers");
        ensureOpen();
        return subscriber -> {
            Objects.requireNonNull(subscriber, "subscriber");
            new SequentialSubscription(this, options.primalityTest(), subscriber).start(numbers);
        };
    }

    @Override
    public void close() {
        closed = true;
        for (SequentialSubscription subscription : active) {
            subscription.checkerClosed();
        }
    }

    boolean register(SequentialSubscription subscription) {
        active.add(subscription);
        if (closed) { // close() may have run before the add; it must still end this subscription
            active.remove(subscription);
            return false;
        }
        return true;
    }

    void deregister(SequentialSubscription subscription) {
        active.remove(subscription);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this '" + NAME + "' PrimeChecker is closed");
        }
    }

    @Override
    public String toString() {
        return "SequentialPrimeChecker{" + options + '}';
    }
}
