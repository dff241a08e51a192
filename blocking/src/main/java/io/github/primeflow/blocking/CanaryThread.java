package io.github.primeflow.blocking;

/**
 * A short-lived thread that the policy always treats as an event loop and that makes one blocking call and
 * one call of a marked method. Its reports go to the thread itself, never to the violation log, so proving
 * the installation does not disturb the violations of the tests.
 */
final class CanaryThread extends Thread {

    private volatile boolean sawBlockingCall;
    private volatile boolean sawCpuMark;
    private volatile long sink;

    CanaryThread() {
        super("primeflow-blocking-canary");
        setDaemon(true);
    }

    @Override
    public void run() {
        try {
            Thread.sleep(1); // the deliberate blocking call
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink = probe(sink);
    }

    /** Marked CPU-heavy by the policy at install. */
    static long probe(long seed) {
        return seed * 31 + 7;
    }

    /** Called by the policy's callback on this thread. */
    void report(boolean cpuMark) {
        if (cpuMark) {
            sawCpuMark = true;
        } else {
            sawBlockingCall = true;
        }
    }

    boolean sawBlockingCall() {
        return sawBlockingCall;
    }

    boolean sawCpuMark() {
        return sawCpuMark;
    }
}
