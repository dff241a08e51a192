package io.github.primeflow.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.spi.PrimeCheckerProvider.Capability;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What one rule run needs: the backend, the time budget, the kit's single-threaded event loop, and
 * bookkeeping that makes sure every checker is closed and no thread died of an uncaught exception.
 */
final class RuleContext implements AutoCloseable {

    /** The parallelism every rule uses unless it says otherwise: enough to show real parallelism. */
    static final int PARALLELISM = 2;

    final PrimeCheckerProvider provider;
    /** How a child JVM rebuilds the backend (rule P6's heap probe); {@code null} if it cannot. */
    final BackendRecipe recipe;
    final TckEnvironment env;
    /** Whether the backend claims {@link Capability#ASYNCHRONOUS}: kernel calls off the caller's thread. */
    final boolean asynchronous;
    final ExecutorService loop;
    final Thread loopThread;
    private final List<PrimeChecker> checkers = new ArrayList<>();
    private final Map<Thread, Throwable> uncaught = new ConcurrentHashMap<>();
    private final Thread.UncaughtExceptionHandler previousHandler;
    private final Predicate<Thread> sharedThreads;

    RuleContext(PrimeCheckerProvider provider, BackendRecipe recipe, Set<Capability> claimed, TckEnvironment env,
            Predicate<Thread> sharedThreads) {
        this.provider = provider;
        this.sharedThreads = sharedThreads;
        this.recipe = recipe;
        this.env = env;
        this.asynchronous = claimed.contains(Capability.ASYNCHRONOUS);
        this.loop = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "primeflow-tck-event-loop");
            t.setDaemon(true);
            return t;
        });
        try {
            this.loopThread = loop.submit(Thread::currentThread).get(env.shouldHappenWithin().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            loop.shutdownNow();
            throw new IllegalStateException("the TCK event loop did not start", e);
        }
        this.previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            uncaught.put(t, e);
            if (previousHandler != null) {
                previousHandler.uncaughtException(t, e);
            }
        });
    }

    CheckerOptions.Builder options() {
        return CheckerOptions.builder().parallelism(PARALLELISM);
    }

    PrimeChecker checker(CheckerOptions options) {
        PrimeChecker checker = provider.create(options);
        checkers.add(checker);
        return checker;
    }

    /** Subscribes from the event loop, requesting {@code initial} at once and {@code refill} after each result. */
    TckSubscriber subscribe(Flow.Publisher<PrimeResult> publisher, long initial, long refill) {
        return subscribe(publisher, new TckSubscriber(loop, refill), initial);
    }

    /** Subscribes {@code subscriber} (made with {@link #subscriber(long)}) from the event loop. */
    TckSubscriber subscribe(Flow.Publisher<PrimeResult> publisher, TckSubscriber subscriber, long initial) {
        subscriber.subscribeTo(publisher);
        awaitUntil("onSubscribe was called", subscriber::hasSubscription);
        if (initial > 0) {
            subscriber.request(initial);
        }
        return subscriber;
    }

    /** A subscriber acting from the event loop that requests {@code refill} more after each result. */
    TckSubscriber subscriber(long refill) {
        return new TckSubscriber(loop, refill);
    }

    void awaitUntil(String what, BooleanSupplier condition) {
        await(what).atMost(env.shouldHappenWithin()).pollInterval(java.time.Duration.ofMillis(5))
                .until(condition::getAsBoolean);
    }

    /**
     * The names of the live threads not in {@code before}: those a checker started, leaving out threads the JVM,
     * the test tools or infrastructure the test shares between checkers start lazily.
     */
    List<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t) && !isSharedJvmThread(t) && !sharedThreads.test(t))
                .map(Thread::getName).toList();
    }

    private static boolean isSharedJvmThread(Thread t) {
        String name = t.getName();
        // RxCachedWorkerPoolEvictor: RxJava's JVM-wide io() housekeeping, started by anyone touching Schedulers.
        return name.startsWith("ForkJoinPool.commonPool") || name.startsWith("awaitility")
                || name.startsWith("RxCachedWorkerPoolEvictor")
                || name.equals("Common-Cleaner") || name.equals("Attach Listener") || name.startsWith("JFR")
                || name.equals("process reaper") || name.equals("primeflow-tck-event-loop")
                || name.startsWith("primeflow-tck-");
    }

    /** Waits until {@code items} is empty; a timeout fails with what is left. */
    void awaitNone(String what, Supplier<? extends Collection<?>> items) {
        awaitNone(what, items, env.shouldHappenWithin());
    }

    /** Waits at most {@code within} until {@code items} is empty; a timeout fails with what is left. */
    void awaitNone(String what, Supplier<? extends Collection<?>> items, java.time.Duration within) {
        await(what).atMost(within).pollInterval(java.time.Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(items.get()).as(what).isEmpty());
    }

    void staysTrue(String what, BooleanSupplier condition) {
        await(what).during(env.mustNotHappenDuring())
                .atMost(env.mustNotHappenDuring().plus(env.shouldHappenWithin()))
                .pollInterval(java.time.Duration.ofMillis(5))
                .until(condition::getAsBoolean);
    }

    void awaitTermination(TckSubscriber s) {
        awaitUntil("the result stream terminated (" + s.describe() + ")", s::isTerminated);
    }

    static void assertCleanSignals(TckSubscriber s) {
        assertThat(s.violations).as("Reactive Streams violations seen by the subscriber").isEmpty();
    }

    @Override
    public void close() {
        try {
            for (PrimeChecker checker : checkers) {
                checker.close();
            }
            assertThat(uncaught).as("threads that died of an uncaught exception (P8)").isEmpty();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previousHandler);
            loop.shutdownNow();
        }
    }
}
