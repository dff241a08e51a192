package io.github.primeflow.spi;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Catches an upstream that calls {@code onNext} from two threads at once, breaking Reactive Streams rule §1.3,
 * for a backend's {@code Flow.Subscriber<Long>} of the numbers. A backend's bookkeeping of the numbers it
 * receives relies on §1.3; with this guard it can end the stream instead of corrupting that state:
 *
 * <pre>{@code
 * public void onNext(Long n) {
 *     if (!guard.run(n, this::accept)) { // accept(n): the number's bookkeeping, serial as §1.3 promises
 *         // another thread was inside onNext: cancel the upstream, end the stream naming rule 1.3
 *     }
 * }
 * }</pre>
 *
 * <p>A synchronous upstream that emits again on the same thread, from inside a {@code request} made within
 * {@code onNext}, re-enters legally (§3.3) and is let through. Calls that follow one another from different
 * threads are legal too: only overlap is caught, and only when it happens, so a rule-breaking upstream may
 * get through a few numbers before its two threads meet inside {@code onNext}. Thread-safe; costs one
 * compare-and-set per number.
 */
public final class OnNextGuard {

    private final AtomicReference<Thread> inside = new AtomicReference<>();
    private int depth; // written only by the thread in `inside`, published by its set and compare-and-set

    /** Creates a guard for one subscriber of the numbers. */
    public OnNextGuard() {
    }

    /**
     * Runs {@code onNext} for {@code item} on the calling thread, unless another thread is inside this guard.
     *
     * @param <T> the type of the items
     * @param item the item the upstream emitted (passed on as it is, {@code null} included)
     * @param onNext the backend's handling of the item; what it throws propagates to the caller
     * @return {@code true} if {@code onNext} ran; {@code false} if another thread was inside (a §1.3
     *     violation) and nothing ran
     */
    public <T> boolean run(T item, Consumer<? super T> onNext) {
        Thread me = Thread.currentThread();
        if (inside.get() != me && !inside.compareAndSet(null, me)) {
            return false;
        }
        depth++;
        try {
            onNext.accept(item);
        } finally {
            if (--depth == 0) {
                inside.set(null);
            }
        }
        return true;
    }
}
