package io.github.primeflow.vertx.cluster;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.engine.ActivePipelines;
import io.github.primeflow.engine.Pipeline;
import io.github.primeflow.engine.Tuning;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The cluster backend ({@code vertx-cluster}): a {@link PrimeChecker} that joins a Vert.x/Hazelcast cluster as
 * a client node and streams the numbers, in batches, to the {@link PrimeWorkerNode}s of that cluster.
 *
 * <p><b>Promises.</b> Every accepted number yields exactly one result, in the configured order, even when a
 * worker node crashes, stops or freezes meanwhile (its work is re-sent; duplicate replies are dropped by batch
 * id), or the stream ends with a {@link PrimeCheckException}: upstream error, {@code null} element, kernel
 * failure on a node, {@link #close()}, or no worker node for longer than {@link ClusterOptions#parkDeadline()}
 * (the message names the numbers not checked). {@link CheckerOptions#parallelism()} caps the batches this
 * checker has in flight over the whole cluster, so it is also the most kernel calls it runs at once; set it to
 * the sum of the worker nodes' threads. Demand to the upstream stays within
 * {@link CheckerOptions#maxInFlight()}; batches are only created while some node has a free credit.
 *
 * <p><b>Threads.</b> All subscriptions of a checker are coordinated on one event-loop context of its Vert.x;
 * signals reach the subscriber there, never concurrently. No kernel call runs in this JVM's checker: the
 * worker nodes run them on their worker pools. {@code subscribe}, {@code request} and {@code cancel} only hand
 * the signal to the context; {@code cancel()} then sends a {@code cancel} message that interrupts the
 * subscription's running kernel calls on the nodes.
 *
 * <p><b>Kernels.</b> {@link io.github.primeflow.PrimalityTest#trialDivision()} and
 * {@link io.github.primeflow.PrimalityTest#millerRabin()} run on any worker node. Any other kernel cannot cross
 * a JVM boundary: it runs only on worker nodes started in this JVM (useful for tests and embedding).
 *
 * <p>Thread-safe. {@link #create} and {@link #close()} block and must not be called on a Vert.x thread.
 */
public final class ClusterPrimeChecker implements PrimeChecker {

    /** The backend name, also the prefix of every error message. */
    static final String NAME = "vertx-cluster";
    static final System.Logger LOG = System.getLogger(ClusterPrimeChecker.class.getName());
    private static final long CLOSE_SECONDS = 30;
    /** A round trip to a node costs about 0.1-0.5 ms: batches aim at 4 ms of kernel time. */
    private static final Tuning TUNING = new Tuning(4_000_000, 2048, Long.MAX_VALUE);

    private final CheckerOptions options;
    private final ClusterNode node;
    private final boolean ownsNode;
    private final Dispatcher dispatcher;
    private final String kernel;
    private final DispatcherLanes lanes;
    private final ActivePipelines active = new ActivePipelines();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ClusterPrimeChecker(CheckerOptions options, ClusterOptions clusterOptions, ClusterNode node,
            boolean ownsNode) {
        this.options = options;
        this.node = node;
        this.ownsNode = ownsNode;
        this.kernel = Kernels.register(options.primalityTest());
        Context context = node.vertx().getOrCreateContext();
        this.dispatcher = new Dispatcher(node.vertx(), context, node, clusterOptions, kernel, options.parallelism());
        CompletableFuture<Void> started = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            try {
                dispatcher.start();
                started.complete(null);
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
        });
        await(started, "the dispatcher to start");
        this.lanes = new DispatcherLanes(dispatcher);
    }

    /**
     * Joins the cluster as a client node (no work runs here) and returns a checker that uses its worker nodes.
     * Blocks until joined (about 2.5 s on loopback); work waits until a worker node announces itself.
     *
     * @param options the checker options; {@link CheckerOptions#parallelism()} caps the batches in flight
     * @param clusterOptions where the cluster is
     * @return a new checker; {@link #close()} it to leave the cluster
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the node could not join (the message says why)
     */
    public static ClusterPrimeChecker create(CheckerOptions options, ClusterOptions clusterOptions) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clusterOptions, "clusterOptions");
        ClusterNode node = ClusterNode.join(clusterOptions);
        try {
            return new ClusterPrimeChecker(options, clusterOptions, node, true);
        } catch (RuntimeException | Error e) {
            node.close();
            throw e;
        }
    }

    /** A checker on a node someone else owns and closes (tests, embedding). */
    static ClusterPrimeChecker create(CheckerOptions options, ClusterOptions clusterOptions, ClusterNode node) {
        return new ClusterPrimeChecker(options, clusterOptions, node, false);
    }

    /**
     * The options this checker was created with.
     *
     * @return the options
     */
    public CheckerOptions options() {
        return options;
    }

    /**
     * The client node's clustered Vert.x, whose event loop coordinates the subscriptions.
     *
     * @return the Vert.x instance
     */
    public Vertx vertx() {
        return node.vertx();
    }

    /**
     * How many numbers this checker has sent to each worker node so far (re-sent numbers count again), by
     * node id: a view of how the work was spread.
     *
     * @return a snapshot
     */
    public Map<String, Long> numbersSentPerNode() {
        return dispatcher.numbersPerNode.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    /**
     * What failure handling did so far: batches re-sent, replies dropped as duplicates, quarantines and
     * departures seen.
     *
     * @return a snapshot
     */
    public Stats stats() {
        return new Stats(dispatcher.resent.get(), dispatcher.duplicates.get(), dispatcher.quarantines.get(),
                dispatcher.departures.get());
    }

    /**
     * Counters of the failure handling.
     *
     * @param resentBatches batches sent again after their node left, stopped or was quarantined
     * @param duplicateReplies replies dropped because the batch had been answered already
     * @param quarantines nodes quarantined for not answering a ping
     * @param departures nodes that left (member-left, no handler, stopping)
     */
    public record Stats(long resentBatches, long duplicateReplies, long quarantines, long departures) {
    }

    /**
     * {@inheritDoc}
     *
     * <p>Signals reach the subscriber on the checker's event-loop context, never concurrently.
     */
    @Override
    public Flow.Publisher<PrimeResult> check(Flow.Publisher<Long> numbers) {
        Objects.requireNonNull(numbers, "numbers");
        ensureOpen();
        return subscriber -> subscribe(numbers, subscriber);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Ends every in-flight subscription with {@link PrimeCheckException} (cancelling its batches on the
     * worker nodes, which interrupt their kernel calls) and waits until every cancelled batch was answered, so
     * that no kernel call of this checker runs once it returns (a batch whose node left is not waited for);
     * then, if the checker joined the cluster itself, leaves it. Waits up to 30 s for each step. Worker nodes
     * keep running: they are not the checker's.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        await(active.closeAll(), "the subscriptions to end");
        CompletableFuture<Void> idle = new CompletableFuture<>();
        dispatcher.context().runOnContext(ignored -> dispatcher.whenIdle().whenComplete((v, e) -> idle.complete(null)));
        await(idle, "the cancelled batches to end on the worker nodes");
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        dispatcher.context().runOnContext(ignored -> dispatcher.stop().onComplete(ar -> stopped.complete(null)));
        await(stopped, "the dispatcher to stop");
        Kernels.release(kernel);
        if (ownsNode) {
            node.close();
        }
    }

    /** A pipeline coordinated on the dispatcher's context, whose batches the dispatcher sends to worker nodes. */
    private void subscribe(Flow.Publisher<Long> numbers, Flow.Subscriber<? super PrimeResult> subscriber) {
        Pipeline pipeline = new Pipeline(NAME, options, numbers, Objects.requireNonNull(subscriber, "subscriber"),
                lanes, lanes, TUNING, active);
        try {
            dispatcher.context().runOnContext(ignored -> pipeline.start());
        } catch (RejectedExecutionException e) {
            pipeline.start(); // the context is gone: the pipeline ends at once, on this thread
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this '" + NAME + "' PrimeChecker is closed");
        }
    }

    private static void await(CompletableFuture<?> future, String what) {
        try {
            future.get(CLOSE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(NAME + ": failed waiting for " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, NAME + ": gave up waiting " + CLOSE_SECONDS + " s for " + what);
        }
    }

    @Override
    public String toString() {
        return "ClusterPrimeChecker{" + options + ", node=" + node.nodeId() + (closed.get() ? ", closed" : "") + '}';
    }

}
