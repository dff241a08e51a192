package io.github.primeflow.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** A failure at run time (exit code 1), or bad input found while streaming (rethrown as such). */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliFailure(Throwable cause) {
        super(PrimeflowCli.describe(cause), cause);
    }

    /** Waits for a future; bad input in its failure becomes a {@link UsageException}, the rest a CliFailure. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            UsageException usage = UsageException.find(cause);
            if (usage != null) {
                throw usage;
            }
            throw new CliFailure(cause);
        }
    }
}
