/**
 * primeflow's RxJava 3 backend: {@link io.github.primeflow.rxjava.RxJavaPrimeChecker}, its RxJava-native view
 * {@link io.github.primeflow.rxjava.RxJavaChecks} and the {@code rxjava} provider.
 *
 * <h2>Threading model</h2>
 * <ul>
 *   <li><b>CPU threads.</b> Kernel calls ({@code options.primalityTest().isPrime(n)}, once per number) run
 *       only on the checker's CPU lane: by default {@code parallelism} daemon threads
 *       {@code primeflow-rxjava-cpu-N} that the checker owns and ends on {@code close()}; or the
 *       {@link io.reactivex.rxjava3.core.Scheduler} passed to
 *       {@link io.github.primeflow.rxjava.RxJavaPrimeChecker#create(io.github.primeflow.CheckerOptions,
 *       io.reactivex.rxjava3.core.Scheduler)}, never shut down by the checker. Never inside
 *       {@code subscribe}, {@code request} or {@code onNext}, never on RxJava's {@code computation()} or
 *       {@code single()} threads (unless you pass one of those schedulers in).</li>
 *   <li><b>Coordination.</b> Each subscription runs primeflow's shared pipeline engine with a serialized
 *       drain loop (RxJava's "wip" pattern): whichever thread signals (the subscriber requesting, the
 *       upstream emitting, a CPU thread finishing a batch) runs the loop if no other thread does, else leaves
 *       the work to it. The loop requests numbers (upstream requested − delivered ≤ {@code maxInFlight}),
 *       hands them to the lane in batches (numbers handed out ≤ demand + {@code prefetch}; at most
 *       {@code parallelism} batches running per subscription; with the checker's own pool one more batch per
 *       thread waits in its queue, so a thread that finishes a batch starts the next at once) and delivers
 *       results: in
 *       {@link io.github.primeflow.Ordering#INPUT_ORDER} through a reorder buffer of batches,
 *       in {@link io.github.primeflow.Ordering#COMPLETION_ORDER} as batches finish. Results therefore arrive
 *       on a CPU thread or on the thread that requests; {@code observeOn} moves them.</li>
 *   <li><b>Batching.</b> With {@code batchSize() == 0} a batch aims at about 200 µs of kernel time, from a
 *       running average of the kernel time per number: one number per task for expensive numbers, up to 1024
 *       cheap ones, never more than a fair share ({@code ceil(waiting / parallelism)}) of the waiting numbers.
 *       A fixed {@code batchSize()} is used as given, within the demand bound.</li>
 *   <li><b>Cancellation.</b> {@code cancel()} (or {@code dispose()} of an Rx subscriber) marks the
 *       subscription stopped, which every batch checks before each kernel call, interrupts the kernel calls
 *       in flight at once from the cancelling thread ({@code TrialDivision} stops within microseconds) and
 *       cancels the upstream. The interrupt reaches a CPU thread only inside a kernel call of that
 *       subscription and is cleared before the thread leaves the batch; the kernel's
 *       {@code CancellationException} after our own interrupt is swallowed deliberately: nothing of a stopped
 *       subscription is ever routed to {@code RxJavaPlugins.onError}, and the library never installs global
 *       RxJava hooks.</li>
 *   <li><b>Errors and close.</b> An upstream error, a {@code null} number or a kernel failure ends the stream
 *       at once with one {@link io.github.primeflow.PrimeCheckException} naming the cause
 *       ({@code "rxjava: the primality test failed for 42: ..."}), stops the batches and cancels the
 *       upstream. {@code close()} ends every subscription in flight the same way, then shuts the owned
 *       threads down and waits for them; later calls throw {@link java.lang.IllegalStateException}.</li>
 * </ul>
 *
 * <p>The owned threads are a plain {@code ThreadPoolExecutor} rather than {@code Schedulers.from(executor)}:
 * the {@code Schedulers} class starts RxJava's JVM-wide {@code RxCachedWorkerPoolEvictor} thread when first
 * touched, and {@code Schedulers.from(executor)} does not keep a task rejected after shutdown away from
 * {@code RxJavaPlugins.onError}.
 */
package io.github.primeflow.rxjava;
