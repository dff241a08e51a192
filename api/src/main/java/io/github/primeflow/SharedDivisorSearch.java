package io.github.primeflow;

import io.github.primeflow.TrialDivision.DivisorRange;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The trial division of one number, shared by the thread that asked for it (the owner) and helper tasks.
 *
 * <p>Every participant claims {@link DivisorRange}s in order until none is left. The owner then checks
 * again every range a helper claimed but has not finished, instead of waiting for it: it never blocks, so
 * it may run on a thread that must not park (Reactor's parallel workers, under BlockHound), it never
 * depends on a helper that starts late or never, and a helper whose thread is interrupted mid-range loses
 * nothing. The price is at most one range (under a millisecond of work) checked twice per helper. The
 * search is over at the first divisor found or when the owner returns; ranges in progress then stop within
 * one poll of the divisor loop.
 */
final class SharedDivisorSearch {

    private final List<DivisorRange> ranges;
    private final AtomicIntegerArray checked;
    private final AtomicInteger nextRange = new AtomicInteger();
    /** Threads working on the search now, the owner included. */
    private final AtomicInteger participants = new AtomicInteger(1);
    private final int maxParticipants;
    private volatile boolean divisorFound;
    private volatile boolean over;

    SharedDivisorSearch(List<DivisorRange> ranges, int maxParticipants) {
        this.ranges = ranges;
        this.checked = new AtomicIntegerArray(ranges.size());
        this.maxParticipants = maxParticipants;
    }

    /**
     * Runs the search on the calling thread and on {@code executor}, with at most
     * {@code maxParticipants} threads at once.
     *
     * @return {@code true} if no range holds a divisor
     * @throws CancellationException if the calling thread is interrupted (the flag stays set)
     */
    boolean run(Executor executor) {
        try {
            // One task more than needed: an executor that deals tasks to its threads round-robin (Reactor's
            // parallel scheduler, RxJava's computation) may give one to the owner's own, busy thread.
            for (int i = 0; i < maxParticipants; i++) {
                executor.execute(this::help);
            }
        } catch (RejectedExecutionException shuttingDown) {
            // The owner checks the ranges no helper takes.
        }
        try {
            QuotientBlocks blocks = QuotientBlocks.ifEnabled();
            int i;
            while ((i = nextRange.getAndIncrement()) < ranges.size() && !divisorFound) {
                check(i, blocks);
            }
            for (i = 0; i < ranges.size() && !divisorFound; i++) {
                if (checked.get(i) == 0) {
                    check(i, blocks); // a helper holds it, or gave up on it
                }
            }
            return !divisorFound;
        } catch (CancellationException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            return false; // a helper found a divisor while the owner was checking a range
        } finally {
            over = true; // late helpers return at once; helpers still checking stop at their next poll
        }
    }

    boolean isOver() {
        return over;
    }

    private void help() {
        try {
            if (participants.incrementAndGet() <= maxParticipants) {
                QuotientBlocks blocks = QuotientBlocks.ifEnabled();
                int i;
                while (!over && (i = nextRange.getAndIncrement()) < ranges.size()) {
                    check(i, blocks);
                }
            }
        } catch (CancellationException searchOverOrThreadInterrupted) {
            // Either way the owner does not need this helper: it decided, or it checks the range itself.
        } finally {
            participants.decrementAndGet();
        }
    }

    /**
     * One participant's blocks serve all its ranges: a range's own would be fresh memory each time, and in a heap not
     * yet touched every one cost a page fault (one thread through the 16-digit prime's 190 ranges: 1.05-1.06 times
     * its whole loop, 1.004 with the heap pre-touched).
     */
    private void check(int i, QuotientBlocks blocks) {
        if (TrialDivision.INSTANCE.searchRange(ranges.get(i), this, blocks)) {
            checked.set(i, 1);
        } else {
            divisorFound = true;
            over = true;
        }
    }
}
