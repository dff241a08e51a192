/**
 * primeflow across JVMs on the Vert.x 5 clustered event bus (Hazelcast): {@link
 * io.github.primeflow.vertx.cluster.PrimeWorkerNode} serves prime checks, {@link
 * io.github.primeflow.vertx.cluster.ClusterPrimeChecker} (backend {@code vertx-cluster}) streams numbers to the
 * worker nodes, {@link io.github.primeflow.vertx.cluster.ClusterOptions} says where the cluster is.
 *
 * <h2>Membership, transport, failure detection</h2>
 * Hazelcast's: TCP/IP join on the configured host and port range (loopback by default, multicast and
 * auto-detection off, phone-home off, heartbeat 1 s, member dropped after 5 s without one), Vert.x's clustered
 * event bus for the messages. A worker node announces {@code {"op":"announce","node":id,"address":
 * "primeflow.cluster.worker.<id>","credits":threads}} every 250 ms on {@code primeflow.cluster.announce}; a
 * checker adds a node it sees announced that is a current member, and removes it on Hazelcast's member-left
 * event.
 *
 * <h2>Protocol</h2>
 * Every body is a Vert.x {@code Buffer} holding one JSON object of at most 256 KiB; no Java serialization.
 * <ul>
 *   <li>{@code {"op":"check","client":uuid,"id":n,"kernel":"trial-division"|"miller-rabin","numbers":[...]}}
 *       (1–8192 longs) is answered {@code {"id":n,"primes":[bool...],"nanos":[long...]}}, or failed with 400
 *       (malformed: any field missing, of the wrong type, out of range; the node keeps serving), 500 (the kernel
 *       threw), 499 (cancelled), 503 (the node is stopping).</li>
 *   <li>{@code {"op":"cancel","client":uuid,"id":n}} (sent, no reply) interrupts that batch.</li>
 *   <li>{@code {"op":"ping"}} is answered {@code {"op":"pong","node":id}} by the node's event loop.</li>
 * </ul>
 * Replies are validated as strictly: a malformed reply fails the stream.
 *
 * <h2>Credits and batching</h2>
 * A node's credits are its threads: a checker keeps at most that many batches in flight on it, and at most
 * {@code parallelism} over the cluster. Each subscription has at most {@code parallelism} batches on the way; a
 * batch that finds no free credit waits in the checker until one frees, and the subscription requests numbers
 * within {@code maxInFlight}. Batches adapt to the measured kernel time (about 4 ms of work per message, at most
 * 2048 numbers, 1 number until something was measured) and never take more than a fair share of what waits, so
 * expensive numbers behind cheap ones still spread.
 *
 * <h2>Failure handling</h2>
 * <ul>
 *   <li>Node crash or graceful stop: on member-left (or a "no handlers"/503 reply) its in-flight batches are
 *       re-sent at once to other nodes.</li>
 *   <li>Frozen node: nodes with work are pinged every 100 ms; no pong within {@code pingTimeout} quarantines the
 *       node and re-sends its batches; a later pong lifts the quarantine.</li>
 *   <li>No worker: batches wait; after {@code parkDeadline} without any eligible node the stream fails with a
 *       {@code PrimeCheckException} naming the unchecked numbers.</li>
 *   <li>Exactly once: each batch keeps its id across attempts; the first valid reply wins, later ones are dropped
 *       and counted; the losing attempt is cancelled.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * The checker coordinates every subscription on one event-loop context (primeflow's shared pipeline engine,
 * whose drain loop runs there); worker nodes validate on an event loop and run kernels only on their {@code
 * primeflow-cluster-cpu-*} pool, where a long trial division shares its divisor ranges with the node's idle
 * threads ({@link io.github.primeflow.PrimalityTest#isPrime(long, java.util.concurrent.Executor, int)}).
 */
package io.github.primeflow.vertx.cluster;
