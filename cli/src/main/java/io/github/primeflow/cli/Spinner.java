package io.github.primeflow.cli;

/** A running terminal spinner; closing it clears it. */
interface Spinner extends AutoCloseable {

    /** Clears the spinner, then prints (so a line on standard output does not start after a spinner frame). */
    default void printing(Runnable print) {
        print.run();
    }

    @Override
    void close();
}
