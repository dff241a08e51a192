package io.github.primeflow.vertx.cluster;

import io.github.primeflow.PrimalityTest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The service of a worker node, confined to one event-loop context: validates each message on its address,
 * answers pings at once, and runs each {@code check} batch as a {@link Job} on the node's worker pool, never on
 * the event loop. A malformed message gets a 400 failure reply and changes nothing; the node keeps serving.
 */
final class WorkerEndpoint {

    private static final System.Logger LOG = System.getLogger(WorkerEndpoint.class.getName());
    static final long ANNOUNCE_MILLIS = 250;

    private final Vertx vertx;
    private final WorkerExecutor pool;
    private final String nodeId;
    private final String address;
    private final int credits;
    /** Helper tasks of a long trial division run on the same pool, never on the event loop. */
    private final Executor helpers;
    private final Map<String, Job> running = new HashMap<>();
    private MessageConsumer<Object> consumer;
    private long announceTimer = -1;
    private boolean stopping;
    private Promise<Void> drained;

    WorkerEndpoint(Vertx vertx, WorkerExecutor pool, String nodeId, int credits) {
        this.vertx = vertx;
        this.pool = pool;
        this.nodeId = nodeId;
        this.address = Protocol.WORKER_ADDRESS_PREFIX + nodeId;
        this.credits = credits;
        this.helpers = task -> pool.executeBlocking(() -> {
            task.run();
            return null;
        }, false);
    }

    /** On the endpoint's context: registers the consumer, then announces the node every 250 ms. */
    Future<Void> start() {
        consumer = vertx.eventBus().consumer(address, this::handle);
        return consumer.completion().onSuccess(ignored -> {
            announce();
            announceTimer = vertx.setPeriodic(ANNOUNCE_MILLIS, id -> announce());
        });
    }

    private void announce() {
        if (!stopping) {
            vertx.eventBus().publish(Protocol.ANNOUNCE_ADDRESS, Protocol.announce(nodeId, address, credits));
        }
    }

    /** On the endpoint's context: stops announcing and accepting, completes once every running job replied. */
    Future<Void> stop() {
        stopping = true;
        vertx.cancelTimer(announceTimer);
        drained = Promise.promise();
        Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
        if (running.isEmpty()) {
            drained.tryComplete();
        }
        return unregistered.transform(ignored -> drained.future());
    }

    private void handle(Message<Object> message) {
        JsonObject json;
        String op;
        try {
            json = Protocol.parse(message.body());
            op = Protocol.op(json);
            switch (op) {
                case "ping" -> message.reply(Protocol.pong(nodeId));
                case "cancel" -> cancel(json);
                case "check" -> check(message, json);
                default -> throw new Protocol.Malformed("unknown op '" + op + "'");
            }
        } catch (Protocol.Malformed e) {
            LOG.log(System.Logger.Level.DEBUG, "vertx-cluster worker " + nodeId + ": malformed message: "
                    + e.getMessage());
            message.fail(Protocol.MALFORMED, e.getMessage());
        }
    }

    private void cancel(JsonObject json) {
        String key = Protocol.string(json, "client", 64) + "/" + Protocol.nonNegativeLong(json, "id");
        Job job = running.get(key);
        if (job != null) {
            job.cancel();
        }
    }

    private void check(Message<Object> message, JsonObject json) {
        String client = Protocol.string(json, "client", 64);
        long id = Protocol.nonNegativeLong(json, "id");
        PrimalityTest test = Kernels.resolve(Protocol.string(json, "kernel", 64));
        long[] numbers = Protocol.numbers(json);
        if (stopping) {
            message.fail(Protocol.STOPPING, "worker node " + nodeId + " is stopping");
            return;
        }
        String key = client + "/" + id;
        if (running.containsKey(key)) {
            message.fail(Protocol.MALFORMED, "batch " + key + " is already running here");
            return;
        }
        Job job = new Job(id, numbers, test, helpers, credits);
        running.put(key, job);
        pool.<Job>executeBlocking(job, false).onComplete(ar -> {
            running.remove(key);
            if (ar.failed()) {
                message.fail(Protocol.KERNEL_FAILED, "the worker pool rejected the batch: " + ar.cause());
            } else if (job.failure != null && !job.cancelled()) {
                message.fail(Protocol.KERNEL_FAILED, "the primality test failed for " + numbers[job.completed]
                        + ": " + job.failure);
            } else if (!job.complete()) {
                message.fail(Protocol.CANCELLED, "batch " + key + " was cancelled");
            } else {
                Buffer reply = Protocol.results(id, job.primes, job.nanos);
                message.reply(reply);
            }
            if (stopping && running.isEmpty() && drained != null) {
                drained.tryComplete();
            }
        });
    }
}
