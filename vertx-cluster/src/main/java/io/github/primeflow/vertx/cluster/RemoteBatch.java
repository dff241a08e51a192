package io.github.primeflow.vertx.cluster;

import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.engine.Batch;

/**
 * A pipeline's batch on its way to a worker node, as one {@code check} message. Confined to the checker's
 * context. Its {@link #id} is unique per checker: every attempt (the first send and each resend) carries the same
 * id, so the first valid reply wins and any later one is a duplicate.
 */
final class RemoteBatch {

    final long id;
    final Batch batch;
    /** The node running the current attempt; null while the batch waits to be (re)sent. */
    Dispatcher.Node node;
    /** Answered, failed, cancelled or abandoned: any further reply is dropped. */
    boolean finished;
    /** When it last started waiting for a node ({@code System.nanoTime()}), for the park deadline. */
    long parkedSince;
    private boolean handedBack;

    RemoteBatch(long id, Batch batch) {
        this.id = id;
        this.batch = batch;
    }

    long[] numbers() {
        return batch.numbers();
    }

    int size() {
        return batch.numbers().length;
    }

    /** Its pipeline has stopped: no result of it is wanted any more. */
    boolean unwanted() {
        return batch.isStopped();
    }

    void complete(boolean[] primes, long[] nanos) {
        finished = true;
        if (!handedBack) {
            handedBack = true;
            batch.complete(primes, nanos);
        }
    }

    void fail(PrimeCheckException error) {
        finished = true;
        if (!handedBack) {
            handedBack = true;
            batch.fail(error);
        }
    }

    /** No kernel call of it runs on a node any more, and no result is wanted: the pipeline's lane is free. */
    void abandon() {
        finished = true;
        if (!handedBack) {
            handedBack = true;
            batch.abandon();
        }
    }
}
