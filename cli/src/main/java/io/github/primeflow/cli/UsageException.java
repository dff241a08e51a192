package io.github.primeflow.cli;

/** Bad input: the command exits with code 2 and prints the message as one line. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }

    /** The first {@code UsageException} in the cause chain of {@code ex}, or null. */
    static UsageException find(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UsageException usage) {
                return usage;
            }
        }
        return null;
    }
}
