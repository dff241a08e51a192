package io.github.primeflow.reactor;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import java.time.Duration;
import java.util.Objects;
import io.github.primeflow.engine.ActivePipelines;
import io.github.primeflow.engine.Pipeline;
import io.github.primeflow.engine.SingleChecks;
import io.github.primeflow.engine.SignalContext;
import io.github.primeflow.engine.Tuning;
import io.github.primeflow.engine.Workers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The Reactor backend: a {@link PrimeChecker} whose kernel calls run on a Reactor CPU {@link Scheduler},
 * with the pipeline rules P1–P13 of the {@linkplain io.github.primeflow API package}.
 *
 * <p>Two surfaces share one checker: the {@link java.util.concurrent.Flow} methods of {@link PrimeChecker}
 * and the Reactor-native {@link #reactive()} view, which returns
 * {@link Flux} and {@link reactor.core.publisher.Mono}. The view exists because Reactor-typed
 * {@code check}/{@code checkRange} overloads would clash with the {@code Flow} ones.
 *
 * <pre>{@code
 * try (ReactorPrimeChecker checker = ReactorPrimeChecker.create(CheckerOptions.defaults())) {
 *     checker.reactive().checkRange(1, 1_000)
 *             .filter(PrimeResult::prime)
 *             .count()
 *             .subscribe(System.out::println);
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> {@link #create(CheckerOptions)} owns a scheduler of {@code parallelism} daemon threads that
 * take tasks from one shared queue ({@code Schedulers.fromExecutorService} over a fixed pool) and disposes it on
 * {@link #close()};
 * {@link #create(CheckerOptions, Scheduler)} runs on a scheduler you pass in and never disposes it. Kernel
 * calls run only on that scheduler, never inside the subscriber's {@code subscribe}, {@code request} or
 * {@code onNext}. Results are usually delivered on a CPU thread. The {@linkplain io.github.primeflow.reactor
 * package documentation} describes the threading model in full.
 *
 * <p>A checker is thread-safe; every publisher it returns is cold.
 */
public final class ReactorPrimeChecker implements PrimeChecker {

    /** The backend name, also the prefix of every error message. */
    static final String NAME = "reactor";
    /** The thread-name prefix of an owned CPU scheduler. */
    static final String CPU_THREAD_PREFIX = "primeflow-cpu";
    /** How long close() waits for the threads of an owned scheduler to end. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final CheckerOptions options;
    private final Scheduler cpu;
    private final CpuThreads ownThreads; // null when the scheduler is the caller's
    private final SchedulerLanes lanes;
    private final ReactorChecks reactive = new ReactorChecks(this);
    private final ActivePipelines active = new ActivePipelines();
    private final SingleChecks singles;

    private ReactorPrimeChecker(CheckerOptions options, Scheduler cpu, CpuThreads ownThreads) {
        this.options = options;
        this.cpu = cpu;
        this.ownThreads = ownThreads;
        this.lanes = new SchedulerLanes(cpu, options.parallelism());
        this.singles = new SingleChecks(NAME, options.primalityTest(), lanes, options.parallelism(), active);
    }

    /**
     * Creates a checker that owns a new CPU scheduler: {@code options.parallelism()} daemon threads named
     * {@code primeflow-cpu-N}, created when first needed and released by {@link #close()}.
     *
     * @param options the options
     * @return a new checker; close it when done
     * @throws NullPointerException if {@code options} is null
     */
    public static ReactorPrimeChecker create(CheckerOptions options) {
        Objects.requireNonNull(options, "options");
        CpuThreads threads = new CpuThreads(CPU_THREAD_PREFIX);
        // One queue for all threads, not Schedulers.newParallel's queue per thread: a parallel scheduler binds a
        // task to one thread when it is submitted, so a task often wakes a parked thread while another, just done,
        // parks (16 checkAsync calls in flight, Miller-Rabin: 0.44x of supplyAsync on a parallel scheduler, 1.01x).
        ThreadPoolExecutor pool = new ThreadPoolExecutor(options.parallelism(), options.parallelism(), 0,
                TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads);
        return new ReactorPrimeChecker(options, Schedulers.fromExecutorService(pool, CPU_THREAD_PREFIX), threads);
    }

    /**
     * Creates a checker whose kernel calls run on the given scheduler, which the checker never disposes.
     *
     * <p>Each subscription uses at most {@code options.parallelism()} of the scheduler's
     * {@linkplain Scheduler#createWorker() workers} at once. The scheduler's own size bounds the kernel calls
     * of all subscriptions together: to keep rule P9 across subscriptions, give it at most
     * {@code parallelism} threads, e.g. {@code Schedulers.newParallel("cpu", parallelism)}. A parallel scheduler
     * gives each thread a queue of its own and binds a task to one when it is submitted; with many
     * {@code checkAsync} calls of microseconds each in flight, a scheduler whose threads share one queue
     * ({@code Schedulers.fromExecutorService} over a fixed pool, as {@link #create(CheckerOptions)} owns) makes
     * fewer thread wake-ups (16 Miller–Rabin calls in flight: about twice the throughput).
     *
     * <p><b>Warning:</b> close the checker before disposing the scheduler; work queued on a scheduler that
     * is disposed under it is lost and its subscriptions would never end.
     *
     * @param options the options
     * @param cpuScheduler where kernel calls run; a CPU-bound scheduler such as {@code Schedulers.parallel()}
     * @return a new checker; closing it leaves {@code cpuScheduler} running
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code cpuScheduler} is {@link Schedulers#immediate()}, which would
     *     run kernel calls on the subscriber's thread
     */
    public static ReactorPrimeChecker create(CheckerOptions options, Scheduler cpuScheduler) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(cpuScheduler, "cpuScheduler");
        if (cpuScheduler == Schedulers.immediate()) {
            throw new IllegalArgumentException("Schedulers.immediate() would run kernel calls on the subscriber's"
                    + " thread; pass a CPU scheduler such as Schedulers.parallel()");
        }
        return new ReactorPrimeChecker(options, cpuScheduler, null);
    }

    /**
     * The Reactor-native surface of this checker: the same pipeline, typed as {@link Flux} and
     * {@link reactor.core.publisher.Mono}.
     *
     * @return the view (the same instance on every call); its methods throw
     *     {@link IllegalStateException} once the checker is closed
     */
    public ReactorChecks reactive() {
        return reactive;
    }

    /**
     * The options this checker runs with.
     *
     * @return the options
     */
    public CheckerOptions options() {
        return options;
    }

    /**
     * Checks a stream of numbers; see {@link PrimeChecker#check(Flow.Publisher)}. The returned publisher is
     * the operator of {@link ReactorChecks#check(Publisher)} seen through {@code java.util.concurrent.Flow}; a
     * {@code request(n <= 0)} ends it with {@link IllegalArgumentException}.
     *
     * @param numbers the numbers to check; subscribed once per subscription to the result
     * @return a cold publisher of the results
     * @throws NullPointerException if {@code numbers} is null
     * @throws IllegalStateException if the checker is closed
     */
    @Override
    public Flow.Publisher<PrimeResult> check(Flow.Publisher<Long> numbers) {
        Objects.requireNonNull(numbers, "numbers");
        ensureOpen();
        return subscriber -> pipeline(numbers, Objects.requireNonNull(subscriber, "subscriber")).start(); // §1.9
    }

    /**
     * Checks one number as one task on this checker's CPU workers, without a result stream (see {@link
     * PrimeChecker#checkAsync(long)}): at most one hand-off, as {@code CompletableFuture.supplyAsync} makes (calls in
     * flight share it). The future completes on a thread of the scheduler. Cancelling it, with or without {@code
     * mayInterruptIfRunning}, stops the check: the kernel call never starts, or is interrupted.
     *
     * @param number the number
     * @return a future that completes with the result, or exceptionally with {@link PrimeCheckException} naming
     *     the number if the kernel failed or the checker was closed meanwhile
     * @throws IllegalStateException if the checker is closed
     */
    @Override
    public CompletableFuture<PrimeResult> checkAsync(long number) {
        return singles.start(number);
    }

    /**
     * Stops all work and releases the threads this checker created: in-flight subscriptions end with
     * {@link PrimeCheckException} and their kernel calls are interrupted, an owned scheduler is disposed
     * (a scheduler passed to {@link #create(CheckerOptions, Scheduler)} is not), and later calls throw
     * {@link IllegalStateException}. Calling it again has no effect. With an owned scheduler it returns once
     * its threads have ended (at most 10 s for a kernel that ignores its interrupt), and leaves no thread
     * behind; with a user-supplied one it does not wait.
     */
    @Override
    public void close() {
        if (active.isClosed()) {
            return;
        }
        active.closeAll();
        lanes.close();
        if (ownThreads == null) {
            return;
        }
        if (ownThreads.isOwn(Thread.currentThread())) { // closed on a CPU thread (an onNext, a callback): no waiting for itself
            boolean interrupted = Thread.currentThread().isInterrupted();
            cpu.dispose();
            if (!interrupted) {
                Thread.interrupted(); // dispose() interrupts every CPU thread, the subscriber's own included
            }
            return;
        }
        // Once every stream delivered its terminal signal no onNext is in flight, so dispose(), which interrupts
        // what still runs (kernel calls already told to stop), never interrupts a subscriber. Then wait for the
        // threads (rule P13: no kernel call runs once close() returned, no thread is left).
        active.awaitSignalsEnded(CLOSE_WAIT);
        cpu.dispose();
        try {
            ownThreads.awaitEnded(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Flux<PrimeResult> results(Publisher<Long> numbers) {
        Objects.requireNonNull(numbers, "numbers");
        ensureOpen();
        return FluxPrimeCheck.create(this, Flux.from(numbers));
    }

    /** Results of numbers the operator reads directly, without subscribing to them. */
    Flux<PrimeResult> results(LongSequence numbers) {
        ensureOpen();
        return FluxPrimeCheck.create(this, numbers);
    }

    /** One subscription: results signalled on whichever thread drives the pipeline, batches on the scheduler. */
    Pipeline pipeline(Flow.Publisher<Long> numbers, Flow.Subscriber<? super PrimeResult> subscriber) {
        return new Pipeline(NAME, options, numbers, subscriber, lanes, SignalContext.ANY_THREAD, Tuning.DEFAULT,
                active);
    }

    /** The CPU scheduler, owned or the caller's. */
    Scheduler cpuScheduler() {
        return cpu;
    }

    void ensureOpen() {
        if (active.isClosed()) {
            throw new IllegalStateException("this '" + NAME + "' PrimeChecker is closed");
        }
    }

    @Override
    public String toString() {
        return "ReactorPrimeChecker{" + options + ", scheduler=" + cpu + (ownThreads != null ? " (owned)" : "")
                + (active.isClosed() ? ", closed" : "") + '}';
    }
}
