/**
 * A prime-check pipeline on {@link java.util.concurrent.Flow}: a stream of {@code long}s in, one
 * {@link io.github.primeflow.PrimeResult} per number out.
 *
 * <h2>Start here</h2>
 * <pre>{@code
 * try (PrimeChecker checker = PrimeCheckers.create()) {
 *     PrimeResult r = checker.checkAsync(9_999_999_999_999_917L).join();
 * }
 * }</pre>
 * {@link io.github.primeflow.PrimeCheckers} finds the backend artifact on the class path;
 * {@link io.github.primeflow.CheckerOptions} sets parallelism, ordering, bounds and the
 * {@link io.github.primeflow.PrimalityTest} kernel.
 *
 * <h2 id="rules">The pipeline rules</h2>
 * Every publisher returned by a {@link io.github.primeflow.PrimeChecker} keeps the Reactive Streams rules
 * (§1–§3) and these. The {@code primeflow-tck} kit names each test after the rule it checks
 * ({@code p5_kernelRunsAtMostPrefetchAheadOfDemand}, ...). "Delivered" counts {@code onNext} signals.
 * <ol>
 *   <li><b>P1 Verdicts.</b> Each result's {@code prime} is the configured kernel's verdict, which for the
 *       built-in kernels is the mathematical truth.</li>
 *   <li><b>P2 One result per number.</b> Every number accepted from upstream yields exactly one result
 *       (no loss, no duplicate), unless the stream ends with {@code onError} or is cancelled; every result is
 *       delivered before {@code onComplete}. A result names its number and carries the kernel's wall time in
 *       nanoseconds ({@link io.github.primeflow.PrimeResult#elapsedNanos()}).</li>
 *   <li><b>P3 Ordering.</b> {@link io.github.primeflow.Ordering#INPUT_ORDER} emits results in the order the
 *       numbers arrived; {@link io.github.primeflow.Ordering#COMPLETION_ORDER} emits the same results in
 *       any order.</li>
 *   <li><b>P4 Demand.</b> Never more {@code onNext} than requested; {@code request(n <= 0)} ends the stream
 *       with {@code onError(IllegalArgumentException)} (§3.9); requests that sum past {@code Long.MAX_VALUE}
 *       mean unbounded demand (§3.17).</li>
 *   <li><b>P5 Bounded run-ahead.</b> Kernel calls started − results delivered ≤ outstanding demand +
 *       {@link io.github.primeflow.CheckerOptions#prefetch()}.</li>
 *   <li><b>P6 Bounded upstream demand.</b> Numbers requested from upstream − results delivered ≤
 *       {@link io.github.primeflow.CheckerOptions#maxInFlight()} + prefetch, counting results that wait in the
 *       {@code INPUT_ORDER} reorder buffer.</li>
 *   <li><b>P7 Cancellation.</b> After {@code cancel()} no kernel call starts, the upstream is cancelled and
 *       no further signal follows; asynchronous backends interrupt the kernel calls in flight.</li>
 *   <li><b>P8 Errors.</b> An upstream error, a {@code null} number or a kernel failure ends the stream with
 *       exactly one {@code onError(}{@link io.github.primeflow.PrimeCheckException}{@code )} whose message
 *       names the cause; the upstream is cancelled; no thread dies silently. So does an upstream that breaks
 *       the Reactive Streams rules by emitting more than requested (§1.1) or after {@code onComplete}
 *       (§1.7): it is cancelled from inside that {@code onNext}, before it can queue more.</li>
 *   <li><b>P9 Parallelism.</b> At most {@link io.github.primeflow.CheckerOptions#parallelism()} kernel calls
 *       run at once; parallel backends reach at least 2 when parallelism ≥ 2 and work is waiting. A call
 *       that shares one number's work ({@link io.github.primeflow.PrimalityTest#isPrime(long,
 *       java.util.concurrent.Executor, int)}) counts once; its helpers run on the backend's CPU workers.</li>
 *   <li><b>P10 Thread safety.</b> One checker serves concurrent calls from many threads correctly.</li>
 *   <li><b>P11 Off the event loop.</b> Asynchronous backends never run a kernel call on one of their
 *       event-loop threads, nor on the caller's thread inside {@code subscribe}, {@code request} or
 *       {@code onNext}.</li>
 *   <li><b>P12 Liveness.</b> While every worker is busy with long kernel calls, event loops keep
 *       ticking.</li>
 *   <li><b>P13 Close.</b> {@code close()} ends in-flight subscriptions with an error or completion, and
 *       {@code checkAsync} futures still in flight with {@link io.github.primeflow.PrimeCheckException},
 *       interrupts their kernel calls and returns only once those calls have ended (a kernel that ignores its
 *       interrupt delays it, up to a bound each backend documents), releases every thread the checker
 *       created, makes later calls fail with {@code IllegalStateException}, is idempotent, and never closes
 *       resources the user passed in. A subscription that ends by completion, error or {@code cancel()}
 *       releases what it held: the threads of a checker do not grow with the subscriptions it served.</li>
 * </ol>
 */
package io.github.primeflow;
