/**
 * The Reactor backend of primeflow: {@link io.github.primeflow.reactor.ReactorPrimeChecker} (registered as
 * {@code reactor} by {@link io.github.primeflow.reactor.ReactorPrimeCheckerProvider}) and its Reactor-native
 * view {@link io.github.primeflow.reactor.ReactorChecks}.
 *
 * <pre>{@code
 * try (ReactorPrimeChecker checker = ReactorPrimeChecker.create(CheckerOptions.defaults())) {
 *     Flux<PrimeResult> results = checker.reactive().check(Flux.just(97L, 98L, 99L));   // Reactor
 *     Flow.Publisher<PrimeResult> same = checker.check(97L, 98L, 99L);                   // java.util.concurrent.Flow
 * }
 * }</pre>
 *
 * <h2>Threading model</h2>
 * <ul>
 *   <li><b>Which scheduler runs the kernel.</b> Every {@code PrimalityTest.isPrime} call runs on the checker's
 *       CPU scheduler: by default {@code parallelism} daemon threads {@code primeflow-cpu-N} sharing one task
 *       queue ({@code Schedulers.fromExecutorService} over a fixed pool), which the checker owns and disposes on
 *       {@code close()}, or a {@code Scheduler} passed to
 *       {@code ReactorPrimeChecker.create(options, scheduler)}, which the checker never disposes. No kernel
 *       call ever runs on the subscriber's thread inside {@code subscribe}, {@code request} or {@code onNext},
 *       on the upstream's thread, on {@code Schedulers.single()} or on an event loop the caller subscribes
 *       from (rule P11).</li>
 *   <li><b>Lanes and parallelism.</b> Each subscription uses at most {@code parallelism} workers
 *       ({@link reactor.core.scheduler.Scheduler.Worker}; one thread each for a parallel scheduler), created
 *       when first needed, and hands a batch of numbers only to a worker that is idle, so one slow number
 *       never holds back work that another idle worker could do, and at most {@code parallelism} kernel
 *       calls of a subscription run at once (P9). An owned scheduler has exactly {@code parallelism}
 *       threads, which bounds all subscriptions of the checker together.</li>
 *   <li><b>Batching and coordination.</b> The pipeline itself (demand, windows, ordering, batching,
 *       termination) is primeflow's shared engine; this backend supplies where batches run (the lanes above)
 *       and lets whichever thread signals (the subscriber's, the upstream's or a CPU worker's) run its
 *       non-blocking drain loop, which only moves numbers and results. A batch is taken from the numbers
 *       already received, never by waiting for more. With {@code batchSize() == 0} its size adapts to the
 *       measured kernel time: about 0.2 ms of work per batch, one number per batch for checks that take
 *       longer, never more than a fair share of the waiting numbers ({@code ceil(waiting / parallelism)});
 *       a positive {@code batchSize()} is used as given, within the run-ahead window.</li>
 *   <li><b>Bounds.</b> Numbers handed to workers minus results delivered stay within
 *       {@code min(outstanding demand + prefetch, maxInFlight)} (P5), and numbers requested from upstream
 *       minus results delivered within {@code maxInFlight} (P6), in both orderings.
 *       {@code INPUT_ORDER} keeps finished results in a reorder buffer bounded by that window;
 *       {@code COMPLETION_ORDER} emits them as they finish.</li>
 *   <li><b>Where results are delivered.</b> Usually on the CPU thread that finished a check (it runs the
 *       drain loop right after the kernel call); on the subscriber's thread inside {@code request(n)} when
 *       results were waiting for demand; on the thread that calls {@code close()} for the closing error. A
 *       slow {@code onNext} therefore occupies a CPU worker: use {@code publishOn} to move the results
 *       elsewhere. Results of one subscription are never delivered concurrently (§1.3).</li>
 *   <li><b>How cancellation reaches the CPU work.</b> {@code cancel()}, a failure and {@code close()} set a
 *       flag that every batch checks before each kernel call (no kernel call starts afterwards) and interrupt
 *       the kernel calls in flight, from the calling thread. The interrupt reaches a worker only while it is
 *       inside a kernel call of that subscription, never while it delivers results (to this subscriber or,
 *       through a {@code merge}, to another), and the worker clears it before it leaves the batch.
 *       {@code TrialDivision} polls the interrupt flag every 4096 divisors and throws
 *       {@code CancellationException}, which the cancelled subscription ignores: a 16-digit trial division
 *       stops within microseconds of the cancel. The upstream is cancelled too.</li>
 *   <li><b>Errors.</b> A kernel failure ({@code "reactor: the primality test failed for 42: ..."}), an
 *       upstream error (the cause), a {@code null} element and {@code close()} end the stream with exactly
 *       one {@link io.github.primeflow.PrimeCheckException}; {@code request(n <= 0)} ends it with
 *       {@link java.lang.IllegalArgumentException}. Later failures are consequences of the first and are
 *       not reported; nothing goes to {@code Hooks.onErrorDropped}. A JVM-fatal error of the kernel
 *       ({@code VirtualMachineError}, {@code LinkageError}) ends the stream the same way and is then
 *       rethrown on the worker thread, as {@code Exceptions.throwIfJvmFatal} would.</li>
 *   <li><b>What close() waits for.</b> With an owned scheduler, {@code close()} lets every stream deliver its
 *       terminal signal (an {@code onNext} in flight returns first and is never interrupted), then disposes the
 *       scheduler and returns once its threads have ended (at most 10 s each step). It uses no thread of its
 *       own: Reactor's {@code disposeGracefully()} waits on a JVM-wide non-daemon thread that stays 10 s after
 *       the wait and holds the JVM open. Called on a thread inside an {@code onNext} or on a CPU thread, it
 *       does not wait for that signal or thread, and leaves the caller's interrupt flag as it found it.</li>
 * </ul>
 */
package io.github.primeflow.reactor;
