package io.github.primeflow.vertx.cluster;

import java.util.concurrent.CompletableFuture;

/**
 * Consecutive numbers of one subscription sent to a worker node as one {@code check} message, and their
 * results. Confined to the checker's context. Its {@link #id} is unique per checker: every attempt (the first
 * send and each resend) carries the same id, so the first valid reply wins and any later one is a duplicate.
 */
final class RemoteBatch {

    final long id;
    final long[] numbers;
    final boolean[] primes;
    final long[] nanos;
    final ClusterSubscription owner;

    /** The node running the current attempt; null while the batch waits to be (re)sent. */
    Dispatcher.Node node;
    /** Answered, failed or abandoned: any further reply is dropped. */
    boolean finished;
    /** Results are in and may be emitted (subscription side). */
    boolean done;
    int emitted;
    int attempts;
    /** Completed by the reply to the current attempt: its kernel calls have ended on the node. */
    final CompletableFuture<Void> replied = new CompletableFuture<>();

    RemoteBatch(long id, long[] numbers, ClusterSubscription owner) {
        this.id = id;
        this.numbers = numbers;
        this.primes = new boolean[numbers.length];
        this.nanos = new long[numbers.length];
        this.owner = owner;
    }

    int size() {
        return numbers.length;
    }
}
