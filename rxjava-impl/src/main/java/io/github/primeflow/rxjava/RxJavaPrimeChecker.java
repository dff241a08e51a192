package io.github.primeflow.rxjava;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import io.reactivex.rxjava3.core.Scheduler;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.FlowAdapters;

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
    private final CpuLane lane;
    private final RxJavaChecks rx = new RxJavaChecks(this);
    private final Set<PrimeCheckSubscription> active = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RxJavaPrimeChecker(CheckerOptions options, CpuLane lane) {
        this.options = options;
        this.lane = lane;
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
        return new RxJavaPrimeChecker(options, CpuLane.ownedPool(options.parallelism()));
    }

    /**
     * Creates a checker whose kernel calls run on {@code cpuScheduler}, through
     * {@link Scheduler#scheduleDirect(Runnable)}. The checker never shuts it down.
     *
     * <p>Each subscription runs at most {@code options.parallelism()} kernel calls at once; the scheduler's
     * own size bounds the total over all subscriptions, so size it to the parallelism (for example
     * {@code Schedulers.from(Executors.newFixedThreadPool(n), true)}). Cancellation interrupts in-flight
     * kernel calls only if the scheduler interrupts disposed tasks: {@code computation()}, {@code io()},
     * {@code newThread()} and {@code Schedulers.from(executor, true)} do, {@code Schedulers.from(executor)}
     * does not. <b>Warning:</b> {@code computation()} and {@code single()} threads are RxJava's non-blocking
     * threads; a scheduler that runs tasks on the calling thread ({@code trampoline()}) gives up rule P11.
     *
     * @param options the options
     * @param cpuScheduler where the kernel calls run; not shut down by the checker
     * @return a new checker
     * @throws NullPointerException if an argument is null
     */
    public static RxJavaPrimeChecker create(CheckerOptions options, Scheduler cpuScheduler) {
        Objects.requireNonNull(options, "options");
        return new RxJavaPrimeChecker(options, CpuLane.scheduler(Objects.requireNonNull(cpuScheduler, "cpuScheduler")));
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
     * <p>The returned publisher is the operator of {@link RxJavaChecks#check(org.reactivestreams.Publisher)}
     * adapted with {@link FlowAdapters}; results arrive on a CPU thread of the checker, or on the thread that
     * requests.
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
        FlowablePrimeCheck results = new FlowablePrimeCheck(FlowAdapters.toPublisher(numbers),
                numbers instanceof LongSequence sequence ? sequence : null, this);
        // The operator is subscribed directly: Flowable.subscribe would wrap a plain subscriber in a StrictSubscriber,
        // whose two atomic operations per result only repeat what the operator's serial drain loop guarantees.
        return subscriber -> results.subscribeActual(
                FlowAdapters.toSubscriber(Objects.requireNonNull(subscriber, "subscriber"))); // §1.9
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
        for (PrimeCheckSubscription subscription : active) {
            subscription.checkerClosed();
        }
        lane.shutdown();
    }

    CpuLane lane() {
        return lane;
    }

    void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this '" + NAME + "' PrimeChecker is closed");
        }
    }

    boolean register(PrimeCheckSubscription subscription) {
        active.add(subscription);
        if (closed.get()) { // close() may have run before the add; it must still end this subscription
            active.remove(subscription);
            return false;
        }
        return true;
    }

    void deregister(PrimeCheckSubscription subscription) {
        active.remove(subscription);
    }

    @Override
    public String toString() {
        return "RxJavaPrimeChecker{" + options + ", cpu=" + lane + '}';
    }
}
