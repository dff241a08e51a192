package io.github.primeflow.benchmarks.jmh;

/**
 * JVM flags every benchmark fork gets. A fixed heap keeps heap resizing out of the measurements; the rest
 * is left at the JDK's defaults, as users run it. (The launcher adds flags that only newer JDKs accept.)
 */
final class Jvm {

    /** Initial heap, equal to the maximum. */
    static final String HEAP_MIN = "-Xms2g";
    /** Maximum heap: room for 10<sup>6</sup> random numbers and every pipeline's in-flight work. */
    static final String HEAP_MAX = "-Xmx2g";

    private Jvm() {
    }
}
