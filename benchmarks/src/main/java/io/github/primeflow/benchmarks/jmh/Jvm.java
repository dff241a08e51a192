package io.github.primeflow.benchmarks.jmh;

/**
 * JVM flags every benchmark fork and every JVM of the paired rounds gets. A fixed, pre-touched heap keeps heap
 * resizing and the operating system's first-touch page faults out of the measurements; the rest is left at the
 * JDK's defaults, as users run it. (The launchers add flags that only newer JDKs accept.)
 */
public final class Jvm {

    /** Initial heap, equal to the maximum. */
    public static final String HEAP_MIN = "-Xms2g";
    /** Maximum heap: room for 10<sup>6</sup> random numbers and every pipeline's in-flight work. */
    public static final String HEAP_MAX = "-Xmx2g";
    /**
     * Touch every page of the heap at start-up, as a long-running service has long since done. Without it, every
     * new heap region the allocating subjects (the backends: a result object and batch arrays per number) reach
     * for the first time costs page faults that the subjects allocating nothing ({@code parallelStream}) never
     * pay: on workload B that moved a backend's iterations between 1.19 and 1.65 s within one fork.
     */
    public static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";

    private Jvm() {
    }
}
