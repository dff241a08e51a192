package io.github.primeflow.rxjava;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.engine.ActivePipelines;
import io.github.primeflow.engine.Pipeline;
import io.github.primeflow.engine.SingleChecks;
import io.github.primeflow.engine.SignalContext;
import io.github.primeflow.engine.Tuning;
import io.reactivex.rxjava3.core.Scheduler;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The RxJava 3 backend: a {@link PrimeChecker} whose kernel calls run on a bounded set of CPU threads, with
 * Reactive Streams backpressure, {@link io.github.primeflow.Ordering input or completion order}, adaptive
 * batching and cancellation that interrupts the CPU work. {@link #rx()} offers the same pipeline as
 * {@link io.reactivex.rxjava3.core.Flowable} and {@link io.reactivex.rxjava3.core.Single}.
 *
 * <pre>{@code
 * try (RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(CheckerOptions.defaults())) {
 *     checker.rx().checkRange(1, 1_000_000).filter(PrimeResult::prime).count().subscribe(System.out::println);
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> By default the checker owns {@code parallelism} daemon threads named
 * {@code primeflow-rxjava-cpu-N}, started on first use and ended by {@link #close()}. With
 * {@link #create(CheckerOptions, Scheduler)} the kernel calls run on your {@link Scheduler} instead, which the
 * checker never shuts down. The threading model is described in the {@linkplain io.github.primeflow.rxjava
 * package documentation}.
 *
 * <p>Thread-safe: any number of threads may call any method and subscribe at once.
 */
public final class RxJavaPrimeChecker implements PrimeChecker {

    /** The backend name, as {@link io.github.primeflow.PrimeCheckers} knows it. */
    static final String NAME = "rxjava";

    private final CheckerOptions options;
    private final CpuLanes lane;
    private final RxJavaChecks rx = new RxJavaChecks(this);
    private final ActivePipelines active = new ActivePipelines();
    private final SingleChecks singles;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RxJavaPrimeChecker(CheckerOptions options, CpuLanes lane) {
        this.options = options;
        this.lane = lane;
        this.singles = new SingleChecks(NAME, options.primalityTest(), lane, options.parallelism(), active);
    }

    /**
     * Creates a checker that owns its CPU threads: {@code options.parallelism()} daemon threads named
     * {@code primeflow-rxjava-cpu-N}, created when first needed and ended by {@link #close()}.
     *
     * @param options the options
     * @return a new checker
     * @throws NullPointerException if {@code options} is null
     */
    public static RxJavaPrimeChecker create(CheckerOptions options) {
        Objects.requireNonNull(options, "options");
        return new RxJavaPrimeChecker(options, CpuLanes.ownedPool(options.parallelism()));
    }

    /**
     * Creates a checker whose kernel calls run on {@code cpuScheduler}, through
     * {@link Scheduler#scheduleDirect(Runnable)}. The checker never shuts it down.
     *
     * <p>Each subscription runs at most {@code options.parallelism()} kernel calls at once; the scheduler's
     * own size bounds the total over all subscriptions, so size it to the parallelism (for example
     * {@code Schedulers.from(Executors.newFixedThreadPool(n))}). Cancellation interrupts in-flight kernel
     * calls on any scheduler: the checker interrupts its own kernel calls, not the scheduler's tasks.
     * <b>Warning:</b> {@code computation()} and {@code single()} threads are RxJava's non-blocking
     * threads; a scheduler that runs tasks on the calling thread ({@code trampoline()}) gives up rule P11.
     *
     * @param options the options
     * @param cpuScheduler where the kernel calls run; not shut down by the checker
     * @return a new checker
     * @throws NullPointerException if an argument is null
     */
    public static RxJavaPrimeChecker create(CheckerOptions options, Scheduler cpuScheduler) {
        Objects.requireNonNull(options, "options");
        return new RxJavaPrimeChecker(options, CpuLanes.scheduler(Objects.requireNonNull(cpuScheduler, "cpuScheduler")));
    }

    /**
     * The RxJava-native surface of this checker: {@code Flowable}/{@code Single} versions of the checks,
     * sharing this checker's threads, options and lifecycle.
     *
     * @return the view (always the same instance)
     */
    public RxJavaChecks rx() {
        return rx;
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
     * {@inheritDoc}
     *
     * <p>The returned publisher runs the pipeline of {@link RxJavaChecks#check(org.reactivestreams.Publisher)};
     * results arrive on a CPU thread of the checker, or on the thread that requests.
     *
     * @param numbers {@inheritDoc}
     * @return {@inheritDoc}
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
     * flight share it). The future completes on a CPU worker thread. Cancelling it, with or without {@code
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
     * {@inheritDoc}
     *
     * <p>Ends every subscription in flight with {@link PrimeCheckException} (interrupting its kernel calls),
     * then shuts the owned threads down and waits for them to end, up to 10 seconds (not when called from one
     * of them). A user's scheduler is left running.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        active.closeAll();
        lane.shutdown();
    }

    /** One subscription: results signalled on whichever thread drives the pipeline, batches on the lanes. */
    Pipeline pipeline(Flow.Publisher<Long> numbers, Flow.Subscriber<? super PrimeResult> subscriber) {
        return new Pipeline(NAME, options, numbers, subscriber, lane, SignalContext.ANY_THREAD, Tuning.DEFAULT,
                active);
    }

    void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this '" + NAME + "' PrimeChecker is closed");
        }
    }

    @Override
    public String toString() {
        return "RxJavaPrimeChecker{" + options + ", cpu=" + lane + '}';
    }
}
