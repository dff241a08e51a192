package io.github.primeflow.vertx;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.engine.ActivePipelines;
import io.github.primeflow.engine.Pipeline;
import io.github.primeflow.engine.SingleChecks;
import io.github.primeflow.engine.Tuning;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.streams.ReadStream;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Vert.x 5 backend ({@code vertx}): each subscription is coordinated on one Vert.x event-loop context, and
 * every kernel call runs on a worker pool of {@link CheckerOptions#parallelism()} threads that this checker
 * owns. See the {@linkplain io.github.primeflow.vertx package documentation} for the threading model.
 *
 * <p>Besides the {@link PrimeChecker} API ({@link java.util.concurrent.Flow} publishers and
 * {@link java.util.concurrent.CompletableFuture}s) it offers Vert.x-native entry points:
 * {@link #checkFuture(long)} returns a Vert.x {@link Future} and {@link #checkStream(Flow.Publisher)} a
 * {@link ReadStream}. (A {@code check(long)} returning a {@code Future} would be ambiguous with
 * {@link PrimeChecker#check(long...)}, hence the distinct names.) {@link PrimeCheckVerticle} serves checks on
 * the event bus.
 *
 * <p><b>Which context.</b> A subscription made on an event-loop context of this checker's {@link Vertx} (inside
 * a verticle, a timer, a request handler) is coordinated on that context, so its signals, futures and stream
 * handlers come back where the caller is, the Vert.x way. A subscription made anywhere else gets a fresh
 * event-loop context.
 *
 * <p><b>Owning Vert.x.</b> {@link #create(CheckerOptions)} and {@link #create(CheckerOptions, VertxOptions)}
 * start a {@link Vertx} that {@link #close()} closes (and waits for); {@link #create(CheckerOptions, Vertx)} uses
 * the caller's, which is never closed by the checker. The worker pool ({@code primeflow-cpu-N-*} threads) is
 * always the checker's own and always closed.
 *
 * <p>The {@code create} methods start the worker threads before they return (unless called on a Vert.x thread,
 * where they start on first use), so that no event loop has to start a thread later.
 *
 * <p>Thread-safe: any thread may call any method.
 */
public final class VertxPrimeChecker implements PrimeChecker {

    /** The backend name, also the prefix of every error message. */
    static final String NAME = "vertx";
    static final System.Logger LOG = System.getLogger(VertxPrimeChecker.class.getName());

    private static final AtomicInteger POOLS = new AtomicInteger();
    /** Kernel calls may run for minutes; the blocked-thread checker should not report them as stuck workers. */
    private static final long MAX_KERNEL_DAYS = 365;
    private static final long CLOSE_WAIT_SECONDS = 30;
    /** At most this many worker threads are started with the checker; more start on demand. */
    private static final int MAX_PRESTARTED = 64;
    /**
     * A hop to the worker pool and back to the event loop costs more than a scheduler hop, mostly in waking the
     * loop: batches aim at 2 ms of work, up to 8192 cheap numbers (within a quarter of the window), and hand
     * their results over once, at the end. On 10^7 cheap checks the loop's own cpu fell from about 450 ms with
     * 1024-number batches to about 100 ms with 8192.
     */
    private static final Tuning TUNING = new Tuning(2_000_000, 8192, Long.MAX_VALUE);

    private final CheckerOptions options;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final WorkerExecutor workers;
    private final String poolName;
    private final WorkerPoolLanes lanes;
    private final ActivePipelines active = new ActivePipelines();
    private final SingleChecks singles;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VertxPrimeChecker(CheckerOptions options, Vertx vertx, boolean ownsVertx) {
        this.options = options;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.poolName = "primeflow-cpu-" + POOLS.incrementAndGet();
        this.workers = vertx.createSharedWorkerExecutor(poolName, options.parallelism(), MAX_KERNEL_DAYS,
                TimeUnit.DAYS);
        this.lanes = new WorkerPoolLanes(workers);
        this.singles = new SingleChecks(NAME, options.primalityTest(), lanes, options.parallelism(), active);
        if (!Context.isOnVertxThread()) {
            prestartWorkers(Math.min(options.parallelism(), MAX_PRESTARTED));
        }
    }

    /**
     * Starts the pool's threads now, from the creating thread: the pool would otherwise start them lazily
     * inside {@code executeBlocking}, on the event loop, where {@code Thread.start} on a loaded machine can take
     * longer than the blocked-thread checker allows. Each task waits until all have started, so each gets its
     * own thread.
     */
    private void prestartWorkers(int count) {
        CountDownLatch started = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            workers.executeBlocking(() -> {
                started.countDown();
                return started.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            }, false);
        }
        try {
            started.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Creates a checker with its own {@link Vertx}, closed by {@link #close()}: default {@link VertxOptions}, except
     * that it resolves no files from the class path, so it creates no file-cache directory.
     *
     * @param options the checker options
     * @return a new checker; close it when done
     * @throws NullPointerException if {@code options} is null
     */
    public static VertxPrimeChecker create(CheckerOptions options) {
        // A checker's Vert.x serves no files; the cache directory (a random UUID, a mkdir and a shutdown hook)
        // was 15-20 ms of a command's start.
        return create(options, new VertxOptions().setFileSystemOptions(
                new FileSystemOptions().setClassPathResolvingEnabled(false).setFileCachingEnabled(false)));
    }

    /**
     * Creates a checker with its own {@link Vertx}, built from {@code vertxOptions} (for example with a tighter
     * blocked-thread checker) and closed by {@link #close()}.
     *
     * @param options the checker options
     * @param vertxOptions the options of the {@code Vertx} the checker starts
     * @return a new checker; close it when done
     * @throws NullPointerException if an argument is null
     */
    public static VertxPrimeChecker create(CheckerOptions options, VertxOptions vertxOptions) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(vertxOptions, "vertxOptions");
        Vertx vertx = Vertx.vertx(vertxOptions);
        try {
            return new VertxPrimeChecker(options, vertx, true);
        } catch (RuntimeException | Error e) {
            vertx.close();
            throw e;
        }
    }

    /**
     * Creates a checker on the caller's {@link Vertx}: subscriptions use its event loops, the checker adds its
     * own worker pool of {@code parallelism} threads. {@link #close()} closes that pool but never {@code vertx}.
     *
     * @param options the checker options
     * @param vertx the caller's Vert.x instance, left open by {@link #close()}
     * @return a new checker; close it when done
     * @throws NullPointerException if an argument is null
     */
    public static VertxPrimeChecker create(CheckerOptions options, Vertx vertx) {
        return new VertxPrimeChecker(Objects.requireNonNull(options, "options"), Objects.requireNonNull(vertx, "vertx"),
                false);
    }

    /**
     * The {@link Vertx} whose event loops coordinate the subscriptions: the checker's own or the caller's.
     *
     * @return the Vert.x instance
     */
    public Vertx vertx() {
        return vertx;
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
     * <p>Signals reach the subscriber on the subscription's event-loop context (the caller's, when it subscribes
     * from an event loop of {@link #vertx()}), never concurrently. {@code subscribe}, {@code request} and
     * {@code cancel} only hand the signal to that context and return; {@code cancel()} also interrupts the
     * subscription's running kernel calls at once, from the calling thread.
     */
    @Override
    public Flow.Publisher<PrimeResult> check(Flow.Publisher<Long> numbers) {
        Objects.requireNonNull(numbers, "numbers");
        ensureOpen();
        return subscriber -> subscribe(numbers, subscriber, contextForCaller());
    }

    /**
     * Checks one number, as a Vert.x {@link Future}. Its handlers run on the caller's event-loop context when
     * called from an event loop of {@link #vertx()}, else on a fresh one. A Vert.x future cannot be cancelled;
     * use {@link #checkAsync(long)} for a cancellable one.
     *
     * @param number the number
     * @return a future of the result, failed with {@link PrimeCheckException} if the check failed or the checker
     *     was closed meanwhile
     * @throws IllegalStateException if the checker is closed
     */
    public Future<PrimeResult> checkFuture(long number) {
        ensureOpen();
        Promise<PrimeResult> promise = Promise.promise();
        check(number).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(PrimeResult result) {
                promise.tryComplete(result);
            }

            @Override
            public void onError(Throwable error) {
                promise.tryFail(error);
            }

            @Override
            public void onComplete() {
                promise.tryFail(new PrimeCheckException(NAME + ": the result stream completed without a result", null));
            }
        });
        return promise.future();
    }

    /**
     * Checks a stream of numbers as a Vert.x {@link ReadStream} of results, in the configured order. The stream
     * starts when a {@link ReadStream#handler handler} is set and follows the usual Vert.x flow control:
     * flowing until {@link ReadStream#pause()}, then {@link ReadStream#fetch(long)} or
     * {@link ReadStream#resume()}; while paused it holds at most {@link CheckerOptions#prefetch()} results and
     * stops pulling numbers. Its handlers run on the caller's event-loop context when called from an event loop
     * of {@link #vertx()}, else on a fresh one; call its methods from that context. A failure reaches the
     * {@link ReadStream#exceptionHandler exception handler} as a {@link PrimeCheckException}; the end, the
     * {@link ReadStream#endHandler end handler}. Setting a {@code null} handler cancels the stream.
     *
     * @param numbers the numbers to check
     * @return a read stream of one result per number
     * @throws IllegalStateException if the checker is closed
     */
    public ReadStream<PrimeResult> checkStream(Flow.Publisher<Long> numbers) {
        Objects.requireNonNull(numbers, "numbers");
        ensureOpen();
        return new ResultReadStream(options.prefetch(), contextForCaller(), check(numbers));
    }

    /**
     * Checks the given numbers as a Vert.x {@link ReadStream}; see {@link #checkStream(Flow.Publisher)}.
     *
     * @param numbers the numbers (copied)
     * @return a read stream of one result per number
     * @throws IllegalStateException if the checker is closed
     */
    public ReadStream<PrimeResult> checkStream(long... numbers) {
        Objects.requireNonNull(numbers, "numbers");
        ensureOpen();
        return new ResultReadStream(options.prefetch(), contextForCaller(), check(numbers));
    }

    /**
     * Checks one number as one task on this checker's CPU workers, without a result stream (see {@link
     * PrimeChecker#checkAsync(long)}): at most one hand-off, as {@code CompletableFuture.supplyAsync} makes (calls in
     * flight share it). The future completes on a thread of the checker's worker pool, never on an event loop.
     * Cancelling it, with or without {@code mayInterruptIfRunning}, stops the check: the kernel call never starts, or
     * is interrupted.
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
     * <p>Interrupts every running kernel call, ends each in-flight subscription with {@link PrimeCheckException}
     * (delivered on its context), closes the worker pool and, if the checker started its own {@link Vertx},
     * closes it. Called from a thread that is not a Vert.x thread, it waits (up to 30 s each) until the
     * subscriptions have ended and the pool and the owned {@code Vertx} are closed, so no thread of the checker
     * is left. Called on a Vert.x thread, where waiting could deadlock, it starts the same steps and returns.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> ended = active.closeAll();
        boolean mayWait = !Context.isOnVertxThread();
        if (mayWait) {
            awaitKernelCalls();
            await(ended, "the subscriptions to end");
        }
        Future<Void> poolClosed = workers.close();
        if (mayWait) {
            await(poolClosed.toCompletionStage().toCompletableFuture(), "the worker pool to close");
        }
        if (ownsVertx) {
            Future<Void> vertxClosed = mayWait ? vertx.close() : poolClosed.eventually(vertx::close);
            if (mayWait) {
                await(vertxClosed.toCompletionStage().toCompletableFuture(), "Vert.x to close");
            }
        }
    }

    /** P13: the kernel calls interrupted by {@link #close()} have returned before it does. */
    private void awaitKernelCalls() {
        try {
            if (!lanes.awaitIdle(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, NAME + ": close() gave up waiting " + CLOSE_WAIT_SECONDS
                        + " s for kernel calls that ignore their interrupt");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CompletableFuture<?> future, String what) {
        try {
            future.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, NAME + ": close() failed waiting for " + what, e.getCause());
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, NAME + ": close() gave up waiting " + CLOSE_WAIT_SECONDS + " s for "
                    + what);
        }
    }

    // ---- internals ----

    /**
     * Starts a pipeline on {@code context}: its signals come from there, its batches run on the worker pool. On a
     * context that is gone (its Vert.x closed) it starts on the calling thread and ends at once.
     */
    private void subscribe(Flow.Publisher<Long> numbers, Flow.Subscriber<? super PrimeResult> subscriber,
            Context context) {
        Pipeline pipeline = new Pipeline(NAME, options, numbers, Objects.requireNonNull(subscriber, "subscriber"),
                lanes, new ContextSignals(context), TUNING, active);
        try {
            context.runOnContext(ignored -> {
                EventLoopThreads.noteCurrent();
                pipeline.start();
            });
        } catch (RejectedExecutionException e) {
            pipeline.start();
        }
    }

    /** The caller's event-loop context if it runs on one of our Vert.x, else a fresh event-loop context. */
    private Context contextForCaller() {
        Context current = Vertx.currentContext();
        if (current != null && current.isEventLoopContext() && current.owner() == vertx) {
            return current;
        }
        if (vertx instanceof VertxInternal internal) {
            return internal.createEventLoopContext();
        }
        return vertx.getOrCreateContext();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this '" + NAME + "' PrimeChecker is closed");
        }
    }

    @Override
    public String toString() {
        return "VertxPrimeChecker{" + options + ", workers=" + poolName + ", vertx=" + (ownsVertx ? "own" : "caller's")
                + (closed.get() ? ", closed" : "") + '}';
    }
}
