package io.github.primeflow.vertx.cluster;

import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.engine.Batch;
import io.github.primeflow.engine.Pipeline;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The checker's view of the worker nodes and of every batch on the way, confined to one event-loop context.
 *
 * <p><b>Credits.</b> Each node announces its credits (its pool size); a node gets a batch only while it has a
 * free credit, and the whole checker keeps at most {@code parallelism} batches in flight. A pipeline's batch
 * that finds no free credit waits here; each pipeline has at most {@code parallelism} batches on the way, so
 * memory stays bounded.
 *
 * <p><b>Failures.</b> A member-left event (Hazelcast membership listener), a "no handlers" reply or a 503
 * (the node stops) removes the node and re-sends its in-flight batches at once. A node with work that does not
 * answer a ping within {@link ClusterOptions#pingTimeout()} is quarantined: its batches are re-sent elsewhere,
 * and it gets new work only once it answers a ping again. Batches wait (parked) while no eligible node exists;
 * a pipeline whose batch waited longer than {@link ClusterOptions#parkDeadline()} fails, naming the numbers
 * lost.
 * Every attempt of a batch carries the batch id; the first valid reply wins, the others are counted in
 * {@link #duplicates} and dropped.
 */
final class Dispatcher {

    static final String NAME = ClusterPrimeChecker.NAME;
    private static final long REQUEST_TIMEOUT_MILLIS = 24L * 3600 * 1000;
    private static final long TICK_MILLIS = 100;

    /** A worker node as this checker sees it. */
    static final class Node {
        final String id;
        final String address;
        int credits;
        final Set<RemoteBatch> running = new LinkedHashSet<>();
        boolean quarantined;
        boolean pinging;

        Node(String id, String address, int credits) {
            this.id = id;
            this.address = address;
            this.credits = credits;
        }
    }

    private final Vertx vertx;
    private final Context context;
    private final ClusterNode cluster;
    private final ClusterOptions clusterOptions;
    private final String client = UUID.randomUUID().toString();
    private final String kernel;
    private final boolean localOnly;
    private final int parallelism;

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    /** Batches waiting for a free credit, to be sent or sent again. */
    private final ArrayDeque<RemoteBatch> retry = new ArrayDeque<>();
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();
    private int inFlight;
    private long nextId;
    /** Whether no worker node was eligible at the last tick, and since when ({@code System.nanoTime()}). */
    private boolean workerless = true;
    private long noWorkerSince;
    private long timer = -1;
    private UUID membership;
    private MessageConsumer<Object> announcements;

    /** Counters for tests and reports; written on the context, read anywhere. */
    final AtomicLong resent = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong quarantines = new AtomicLong();
    final AtomicLong departures = new AtomicLong();
    final Map<String, AtomicLong> numbersPerNode = new java.util.concurrent.ConcurrentHashMap<>();

    Dispatcher(Vertx vertx, Context context, ClusterNode cluster, ClusterOptions clusterOptions, String kernel,
            int parallelism) {
        this.vertx = vertx;
        this.context = context;
        this.cluster = cluster;
        this.clusterOptions = clusterOptions;
        this.kernel = kernel;
        this.localOnly = Kernels.isLocal(kernel);
        this.parallelism = parallelism;
        this.noWorkerSince = System.nanoTime();
    }

    Context context() {
        return context;
    }

    /** On the context: listens to announcements, to members leaving, and starts the ping/deadline timer. */
    void start() {
        announcements = vertx.eventBus().consumer(Protocol.ANNOUNCE_ADDRESS, this::onAnnounce);
        timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
        membership = cluster.onMemberLeft(id -> context.runOnContext(ignored -> nodeGone(id, "left the cluster")));
    }

    /** On the context: stops listening. In-flight batches must already be abandoned. */
    io.vertx.core.Future<Void> stop() {
        vertx.cancelTimer(timer);
        if (membership != null) {
            cluster.removeListener(membership);
        }
        return announcements == null ? io.vertx.core.Future.succeededFuture() : announcements.unregister();
    }

    // ---- membership ----

    private void onAnnounce(Message<Object> message) {
        String id;
        String address;
        int credits;
        try {
            JsonObject json = Protocol.parse(message.body());
            if (!"announce".equals(Protocol.op(json))) {
                return;
            }
            id = Protocol.string(json, "node", 64);
            address = Protocol.string(json, "address", 128);
            credits = Protocol.intInRange(json, "credits", 1, Protocol.MAX_CREDITS);
            if (!address.equals(Protocol.WORKER_ADDRESS_PREFIX + id)) {
                throw new Protocol.Malformed("'address' must be the node's own address");
            }
        } catch (Protocol.Malformed e) {
            ClusterPrimeChecker.LOG.log(System.Logger.Level.DEBUG, NAME + ": ignored a malformed announcement: "
                    + e.getMessage());
            return;
        }
        if (localOnly && !Kernels.LOCAL_NODES.contains(id)) {
            return; // a custom kernel cannot run in another JVM
        }
        Node node = nodes.get(id);
        if (node == null) {
            if (!cluster.members().contains(id)) {
                return; // a late announcement of a node that has already left
            }
            nodes.put(id, new Node(id, address, credits));
            pump();
        } else {
            node.credits = credits;
        }
    }

    /** The node left (member-left, no handler, stopping): forget it and re-send its batches at once. */
    void nodeGone(String id, String why) {
        Node node = nodes.remove(id);
        if (node == null) {
            return;
        }
        departures.incrementAndGet();
        ClusterPrimeChecker.LOG.log(System.Logger.Level.INFO, NAME + ": worker node " + id + " " + why + "; "
                + node.running.size() + " batches in flight are re-sent");
        requeue(node);
        pump();
    }

    private void quarantine(Node node, String why) {
        if (!node.quarantined) {
            node.quarantined = true;
            quarantines.incrementAndGet();
            ClusterPrimeChecker.LOG.log(System.Logger.Level.INFO, NAME + ": worker node " + node.id
                    + " quarantined (" + why + "); " + node.running.size() + " batches are retried elsewhere");
        }
        requeue(node);
        pump();
    }

    private void requeue(Node node) {
        List<RemoteBatch> batches = new ArrayList<>(node.running);
        node.running.clear();
        inFlight -= batches.size();
        long now = System.nanoTime();
        for (int i = batches.size() - 1; i >= 0; i--) {
            RemoteBatch batch = batches.get(i);
            batch.node = null;
            if (batch.finished || batch.unwanted()) {
                batch.abandon(); // its node left or is quarantined: no kernel call of it is waited for
            } else {
                resent.incrementAndGet();
                batch.parkedSince = now;
                retry.addFirst(batch);
            }
        }
        checkIdle();
    }

    private void tick() {
        for (Node node : new ArrayList<>(nodes.values())) {
            if ((!node.running.isEmpty() || node.quarantined) && !node.pinging) {
                ping(node);
            }
        }
        long now = System.nanoTime();
        if (hasEligibleNode()) {
            workerless = false;
            return;
        }
        if (!workerless) {
            workerless = true;
            noWorkerSince = now;
        }
        long deadline = clusterOptions.parkDeadline().toNanos();
        Set<Pipeline> late = new LinkedHashSet<>();
        for (RemoteBatch batch : retry) {
            long since = noWorkerSince - batch.parkedSince > 0 ? noWorkerSince : batch.parkedSince; // by difference
            if (now - since > deadline && !batch.unwanted()) {
                late.add(batch.batch.pipeline());
            }
        }
        for (Pipeline pipeline : late) {
            pipeline.fail(new PrimeCheckException(NAME + ": no worker node " + (localOnly
                    ? "in this JVM (the kernel is a custom PrimalityTest) " : "")
                    + "served cluster '" + clusterOptions.clusterName() + "' for "
                    + clusterOptions.parkDeadline().toMillis() + " ms (the park deadline); not checked: "
                    + pipeline.describeUnchecked(10), null));
        }
    }

    private void ping(Node node) {
        node.pinging = true;
        vertx.eventBus().request(node.address, Protocol.ping(),
                new DeliveryOptions().setSendTimeout(clusterOptions.pingTimeout().toMillis())).onComplete(ar -> {
                    node.pinging = false;
                    if (nodes.get(node.id) != node) {
                        return;
                    }
                    if (ar.succeeded()) {
                        if (node.quarantined) {
                            node.quarantined = false;
                            pump();
                        }
                    } else if (ar.cause() instanceof ReplyException e && e.failureType() == ReplyFailure.NO_HANDLERS) {
                        nodeGone(node.id, "has no handler any more");
                    } else {
                        quarantine(node, "no answer to a ping within " + clusterOptions.pingTimeout().toMillis() + " ms");
                    }
                });
    }

    // ---- credits and sending ----

    private boolean eligible(Node node) {
        return !node.quarantined;
    }

    boolean hasEligibleNode() {
        for (Node node : nodes.values()) {
            if (eligible(node)) {
                return true;
            }
        }
        return false;
    }

    /** How many batches may be sent now: free credits over eligible nodes, capped by the parallelism. */
    int freeSlots() {
        int free = parallelism - inFlight;
        if (free <= 0) {
            return 0;
        }
        int credits = 0;
        for (Node node : nodes.values()) {
            if (eligible(node)) {
                credits += Math.max(0, node.credits - node.running.size());
            }
        }
        return Math.min(free, credits);
    }

    /** A pipeline's new batch: sent now if a credit is free and nothing waits before it, else it waits. */
    void submit(Batch batch) {
        RemoteBatch remote = new RemoteBatch(nextId++, batch);
        if (remote.unwanted()) {
            remote.abandon();
        } else if (retry.isEmpty() && freeSlots() > 0) {
            send(remote);
        } else {
            remote.parkedSince = System.nanoTime();
            retry.addLast(remote);
        }
    }

    /**
     * A pipeline stopped while its batch was on the way: a waiting batch is dropped, a running one is cancelled on
     * its node, whose reply (or departure) frees the pipeline's lane once its kernel calls have ended.
     */
    void stop(Batch batch) {
        for (RemoteBatch remote : retry) {
            if (remote.batch == batch) {
                retry.remove(remote);
                remote.abandon();
                return;
            }
        }
        for (Node node : nodes.values()) {
            for (RemoteBatch remote : node.running) {
                if (remote.batch == batch) {
                    remote.finished = true;
                    vertx.eventBus().send(node.address, Protocol.cancel(client, remote.id));
                    return;
                }
            }
        }
    }

    /** Completes once no batch runs on any node: the kernel calls of stopped pipelines have ended. */
    CompletableFuture<Void> whenIdle() {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        idleWaiters.add(idle);
        checkIdle();
        return idle;
    }

    private void checkIdle() {
        if (inFlight == 0 && !idleWaiters.isEmpty()) {
            idleWaiters.forEach(waiter -> waiter.complete(null));
            idleWaiters.clear();
        }
    }

    /** Sends the batch to the node with the most free credits; the caller checked {@link #freeSlots()}. */
    void send(RemoteBatch batch) {
        Node target = null;
        int best = 0;
        for (Node node : nodes.values()) {
            int free = node.credits - node.running.size();
            if (eligible(node) && free > best) {
                best = free;
                target = node;
            }
        }
        if (target == null) {
            batch.parkedSince = System.nanoTime();
            retry.addLast(batch);
            return;
        }
        Node node = target;
        node.running.add(batch);
        batch.node = node;
        inFlight++;
        numbersPerNode.computeIfAbsent(node.id, id -> new AtomicLong()).addAndGet(batch.size());
        vertx.eventBus().<Buffer>request(node.address, Protocol.check(client, batch.id, kernel, batch.numbers()),
                new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MILLIS))
                .onComplete(ar -> onReply(batch, node, ar));
    }

    private void onReply(RemoteBatch batch, Node node, AsyncResult<Message<Buffer>> ar) {
        boolean current = node.running.remove(batch);
        if (current) {
            inFlight--;
            batch.node = null;
        }
        if (batch.finished || batch.unwanted()) {
            if (ar.succeeded()) {
                duplicates.incrementAndGet();
            }
            if (current) {
                batch.abandon(); // the cancelled attempt has answered: its kernel calls have ended
            }
            checkIdle();
            pump();
            return;
        }
        if (ar.succeeded()) {
            boolean[] primes = new boolean[batch.size()];
            long[] nanos = new long[batch.size()];
            try {
                Protocol.results(Protocol.parse(ar.result().body()), batch.id, primes, nanos);
            } catch (Protocol.Malformed e) {
                batch.fail(new PrimeCheckException(NAME + ": worker node " + node.id
                        + " sent a malformed reply for the batch starting at " + batch.numbers()[0] + ": "
                        + e.getMessage(), e));
                pump();
                return;
            }
            retry.remove(batch);
            if (batch.node != null) {
                vertx.eventBus().send(batch.node.address, Protocol.cancel(client, batch.id)); // the other attempt
            }
            batch.complete(primes, nanos);
            checkIdle();
            pump();
            return;
        }
        if (!current) {
            pump(); // a stale attempt failed: the batch was re-sent already
            return;
        }
        ReplyException failure = ar.cause() instanceof ReplyException e ? e : null;
        ReplyFailure type = failure == null ? ReplyFailure.ERROR : failure.failureType();
        int code = failure == null ? -1 : failure.failureCode();
        if (type == ReplyFailure.NO_HANDLERS || (type == ReplyFailure.RECIPIENT_FAILURE && code == Protocol.STOPPING)) {
            retry.addFirst(batch);
            resent.incrementAndGet();
            nodeGone(node.id, type == ReplyFailure.NO_HANDLERS ? "has no handler any more" : "is stopping");
        } else if (type == ReplyFailure.TIMEOUT || type == ReplyFailure.ERROR) {
            retry.addFirst(batch);
            resent.incrementAndGet();
            quarantine(node, "the request failed: " + ar.cause());
        } else if (code == Protocol.CANCELLED) {
            batch.abandon();
            pump();
        } else {
            String what = code == Protocol.KERNEL_FAILED ? "" : "rejected the batch (code " + code + "): ";
            batch.fail(new PrimeCheckException(NAME + ": worker node " + node.id + " " + what
                    + ar.cause().getMessage(), ar.cause()));
            pump();
        }
        checkIdle();
    }

    /** Sends waiting batches while credits are free. */
    void pump() {
        while (!retry.isEmpty() && freeSlots() > 0) {
            RemoteBatch batch = retry.poll();
            if (batch.unwanted()) {
                batch.abandon();
            } else {
                send(batch);
            }
        }
    }
}
