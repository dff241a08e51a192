package io.github.primeflow;

import java.io.Serial;

/**
 * Ends a result stream that could not give every accepted number its result: the upstream failed or
 * emitted {@code null}, the kernel threw for a number, or the checker was closed during the work. The
 * message names the backend and what went wrong (which number, which element); the cause, if any, is
 * the original failure.
 */
public class PrimeCheckException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the backend and the number or element concerned
     * @param cause the original failure, or {@code null}
     */
    public PrimeCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
