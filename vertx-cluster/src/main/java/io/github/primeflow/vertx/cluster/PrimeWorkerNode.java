package io.github.primeflow.vertx.cluster;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A worker node: a clustered Vert.x that serves prime checks for every {@link ClusterPrimeChecker} of its
 * cluster, on its own event-bus address ({@code primeflow.cluster.worker.<node id>}).
 *
 * <p><b>Threads.</b> Messages are validated and answered on one event-loop context; every kernel call runs on a
 * worker pool of {@link #threads()} threads ({@code primeflow-cluster-cpu-*}), never on an event loop. The node
 * announces itself and its credits (= its threads: how many batches one checker may have in flight on it)
 * every 250 ms on {@code primeflow.cluster.announce}.
 *
 * <p><b>Failures.</b> A malformed or oversized message gets a failure reply (code 400) and the node keeps
 * serving; a failing kernel gets code 500; a check that arrives while the node stops gets 503; a batch
 * cancelled by its checker gets 499.
 *
 * <p>Thread-safe. {@link #start} and {@link #close()} block and must not be called on a Vert.x thread.
 */
public final class PrimeWorkerNode implements AutoCloseable {

    private static final long STOP_SECONDS = 60;

    private final ClusterNode node;
    private final WorkerExecutor pool;
    private final WorkerEndpoint endpoint;
    private final Context context;
    private final int threads;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PrimeWorkerNode(ClusterNode node, int threads) {
        this.node = node;
        this.threads = threads;
        this.pool = node.vertx().createSharedWorkerExecutor("primeflow-cluster-cpu-" + node.nodeId(), threads,
                365, TimeUnit.DAYS);
        this.endpoint = new WorkerEndpoint(node.vertx(), pool, node.nodeId(), threads);
        this.context = node.vertx().getOrCreateContext();
    }

    /**
     * Joins the cluster and starts serving; blocks until the node is reachable (about 2.5 s on loopback).
     *
     * @param options where the cluster is
     * @param threads the size of the worker pool, 1 … 4096
     * @return the running node; {@link #close()} it to leave
     * @throws NullPointerException if {@code options} is null
     * @throws IllegalArgumentException if {@code threads} is out of range
     * @throws IllegalStateException if the node could not join or start (the message says why)
     */
    public static PrimeWorkerNode start(ClusterOptions options, int threads) {
        Objects.requireNonNull(options, "options");
        if (threads < 1 || threads > Protocol.MAX_CREDITS) {
            throw new IllegalArgumentException("threads must be between 1 and " + Protocol.MAX_CREDITS + ", got "
                    + threads);
        }
        ClusterNode node = ClusterNode.join(options);
        PrimeWorkerNode worker;
        try {
            worker = new PrimeWorkerNode(node, threads);
            CompletableFuture<Void> started = new CompletableFuture<>();
            worker.context.runOnContext(ignored -> worker.endpoint.start()
                    .onComplete(ar -> {
                        if (ar.succeeded()) {
                            started.complete(null);
                        } else {
                            started.completeExceptionally(ar.cause());
                        }
                    }));
            started.get(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.close();
            throw new IllegalStateException("interrupted while starting the worker node", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            node.close();
            throw new IllegalStateException("the worker node could not start: " + e, e);
        }
        worker.prestartPool();
        Kernels.LOCAL_NODES.add(node.nodeId());
        return worker;
    }

    /** Starts every pool thread now, so that no thread appears later while a checker runs. */
    private void prestartPool() {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            pool.executeBlocking(() -> {
                started.countDown();
                return started.await(STOP_SECONDS, TimeUnit.SECONDS);
            }, false);
        }
        try {
            started.await(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * This node's id in the cluster (the Vert.x node id of its cluster member).
     *
     * @return the id
     */
    public String nodeId() {
        return node.nodeId();
    }

    /**
     * The size of the worker pool, also the credits the node announces.
     *
     * @return at least 1
     */
    public int threads() {
        return threads;
    }

    /**
     * The node's clustered Vert.x, for embedding other verticles beside the worker. Closed by {@link #close()}.
     *
     * @return the Vert.x instance
     */
    public Vertx vertx() {
        return node.vertx();
    }

    ClusterNode clusterNode() {
        return node;
    }

    /**
     * Leaves gracefully: stops announcing, stops accepting (checks sent meanwhile fail with 503 or find no
     * handler, so their checker sends them elsewhere), waits up to 60 s until every running batch has replied,
     * then leaves the cluster and releases every thread. Blocks; idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        context.runOnContext(ignored -> endpoint.stop().onComplete(ar -> drained.complete(null)));
        try {
            drained.get(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.getLogger(PrimeWorkerNode.class.getName()).log(System.Logger.Level.WARNING,
                    "vertx-cluster worker " + nodeId() + ": running batches did not finish in " + STOP_SECONDS + " s");
        }
        Kernels.LOCAL_NODES.remove(node.nodeId());
        try {
            pool.close().toCompletionStage().toCompletableFuture().get(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closing Vert.x below closes the pool too
        }
        node.close();
    }

    @Override
    public String toString() {
        return "PrimeWorkerNode{" + nodeId() + ", threads=" + threads + (closed.get() ? ", closed" : "") + '}';
    }
}
