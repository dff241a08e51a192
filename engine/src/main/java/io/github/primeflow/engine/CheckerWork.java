package io.github.primeflow.engine;

/** Work of a checker that its {@code close()} must end: a {@link Pipeline}. */
interface CheckerWork {

    /** The checker is closing: stop the work now and end it with an error, from any thread. */
    void checkerClosed();

    /** Whether {@code thread} is delivering this work's signals to its subscriber right now. */
    default boolean signalsOn(Thread thread) {
        return false;
    }
}
