/**
 * The Vert.x 5 backend of primeflow: {@link io.github.primeflow.vertx.VertxPrimeChecker} (backend name
 * {@code vertx}), its {@link io.github.primeflow.vertx.VertxPrimeCheckerProvider}, and the event-bus service
 * {@link io.github.primeflow.vertx.PrimeCheckVerticle}.
 *
 * <h2>Threading model</h2>
 * <ul>
 *   <li><b>Coordination on one event-loop context per subscription.</b> A subscription runs primeflow's
 *       shared pipeline engine, whose drain loop (demand, the numbers taken from upstream, the batches in
 *       flight, the ordering buffer, the terminal state) runs on one Vert.x event-loop context: the caller's,
 *       when it subscribes from an event loop of the checker's {@code Vertx}, else a fresh one. A signal from
 *       that context's event-loop thread (whichever context it runs, a duplicated one of an HTTP request
 *       included) runs the loop in place; a signal from any other thread hands it over with
 *       {@code Context.runOnContext}. The subscriber's signals are serial and all come from that event loop,
 *       and the order of the results never depends on which thread the numbers came from.</li>
 *   <li><b>CPU work on the checker's worker pool.</b> Every call to the configured
 *       {@link io.github.primeflow.PrimalityTest} runs on a Vert.x {@code WorkerExecutor} of exactly
 *       {@code parallelism} threads ({@code primeflow-cpu-N-*}) that the checker owns, submitted with
 *       {@code executeBlocking(task, false)} (unordered). Numbers go in batches of consecutive numbers, one
 *       {@code executeBlocking} per batch: a fixed {@code batchSize}, or, when it is 0, a size adapted to the
 *       measured kernel time (one number per task while checks are expensive, up to 8192 cheap ones and a quarter
 *       of {@code maxInFlight}, about 2 ms of work, never waiting for more numbers): every batch's results wake
 *       the event loop once, so fewer, larger batches leave the cores to the kernel. A batch hands its results
 *       back to the context when it ends. The event loop
 *       never runs a kernel call (rule P11), so it keeps serving timers and I/O while all workers are busy
 *       (P12), and Vert.x's blocked-thread checker stays silent.</li>
 *   <li><b>Bounds.</b> At most {@code parallelism} batches of one subscription run at once (P9): the worker pool
 *       has that many threads. Up to twice as many are submitted, so that a worker finishing a batch takes the
 *       next from the pool's queue instead of waiting for the event loop to hand it one. Numbers are
 *       dispatched only while dispatched &le; requested + {@code prefetch} (P5), and requested from upstream
 *       only once the subscriber has asked for results and while requested &minus; delivered &le;
 *       {@code maxInFlight} (P6), which also bounds the {@code INPUT_ORDER} reorder buffer: results wait in
 *       dispatch order until the batch at the head is done.</li>
 *   <li><b>Cancellation reaches the CPU.</b> A worker records its thread when it starts a batch.
 *       {@code cancel()}, a failure and {@code close()} set a flag that the worker checks before each kernel
 *       call (no new call starts, P7) and interrupt the running batches at once, from the calling thread, so
 *       {@link io.github.primeflow.TrialDivision} stops within microseconds. A small state machine per batch
 *       delivers the interrupt only while the batch runs and clears the flag before the pooled thread moves
 *       on, so no other task is ever hit.</li>
 *   <li><b>Errors and close.</b> A kernel failure, an upstream error or a {@code null} number ends the stream
 *       with one {@link io.github.primeflow.PrimeCheckException} whose message starts with {@code vertx:} and
 *       names the number or element (P8); the upstream is cancelled. {@code close()} ends every in-flight
 *       subscription with a {@code PrimeCheckException}, closes the worker pool and, if the checker started its
 *       own {@code Vertx}, closes it and waits until it has stopped (P13); a {@code Vertx} passed in by the user
 *       stays open.</li>
 * </ul>
 *
 * <h2>Vert.x-native entry points</h2>
 * {@link io.github.primeflow.vertx.VertxPrimeChecker#checkFuture(long)} returns a Vert.x {@code Future},
 * {@link io.github.primeflow.vertx.VertxPrimeChecker#checkStream(java.util.concurrent.Flow.Publisher)} a
 * backpressured {@code ReadStream}, and {@link io.github.primeflow.vertx.PrimeCheckVerticle} answers
 * {@code {"number": 97}} on the event-bus address {@code primeflow.check}.
 */
package io.github.primeflow.vertx;
