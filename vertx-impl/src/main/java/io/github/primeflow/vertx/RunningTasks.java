package io.github.primeflow.vertx;

import java.util.concurrent.TimeUnit;

/**
 * The worker tasks of one checker that have started and not yet returned, so that {@code close()} can wait for
 * the last one: Vert.x closes a worker pool without waiting for the tasks it runs.
 */
final class RunningTasks {

    private int running;

    synchronized void enter() {
        running++;
    }

    synchronized void exit() {
        if (--running == 0) {
            notifyAll();
        }
    }

    /**
     * Waits until no task runs.
     *
     * @return {@code false} if tasks still ran when the timeout passed
     * @throws InterruptedException if the waiting thread is interrupted
     */
    synchronized boolean awaitNone(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
