package io.github.primeflow.blocking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that fails a test when, during it, an event loop ran a CPU-heavy method or a blocking
 * call (the BlockHound layer) or, if built {@link #forLoops(EventLoops, EventLoops...) forLoops}, stalled
 * longer than a threshold for any reason (the lag layer). Register it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BlockingDetector detector = BlockingDetector.forLoops(EventLoops.vertx(vertx))
 *         .markCpuHeavy(PriceEngine.class, "reprice")
 *         .build();
 * }</pre>
 *
 * <p><b>Before all tests</b> of the class (or before each, if registered in an instance field) it marks the
 * builder's methods and those listed in the configuration parameter
 * {@value BlockingPolicy#CPU_HEAVY_METHODS_PROPERTY}, registers the loops, installs the
 * {@link BlockingPolicy} (once per JVM) and runs its canary ({@link BlockingPolicy#assertInstalled()}), so a
 * mis-installed BlockHound fails the class instead of letting every test pass.
 *
 * <p><b>Before each test</b> it clears the JVM-wide violations; <b>after each test</b> it throws an
 * {@link AssertionError} listing every violation recorded on its loops meanwhile, each with the offending
 * stack trace. A test must therefore wait for the asynchronous work it starts before it returns.
 *
 * <p><b>The lag layer</b> ({@link #forLoops(EventLoops, EventLoops...)} only) starts a {@link LagWatchdog} on
 * the loops right before each test method (after {@code @BeforeEach}), waits until every loop ran a first
 * tick, and after the method (before {@code @AfterEach}) stops it and throws an {@link AssertionError} for
 * every stall longer than the threshold (default 100 ms), with the stack the loop was running. A stall whose
 * stack shows the loop idle ({@link Stall#loopIdle()}), or that ended before its stack could be sampled, is not
 * blamed on the test: on an overloaded machine the OS, not the code, delays a loop's wake-up.
 *
 * <p><b>Warning:</b> violations are JVM-wide, so tests using a detector must not run concurrently with each
 * other (JUnit's default is one at a time). Methods marked after BlockHound was installed by another class
 * cannot be seen; the class then fails with an explanation (list them in
 * {@value BlockingPolicy#CPU_HEAVY_METHODS_PROPERTY}).
 */
public final class BlockingDetector implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        BeforeTestExecutionCallback, AfterTestExecutionCallback {

    private static final Duration FIRST_TICK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TICK = Duration.ofMillis(10);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(BlockingDetector.class);

    private final List<EventLoopThreads> loops;
    private final List<EventLoops> lagLoops;
    private final Duration stallLimit;
    private final Map<Class<?>, List<String>> cpuHeavy;
    private final boolean anyNonBlockingThread;

    private BlockingDetector(Builder builder) {
        this.loops = List.copyOf(builder.loops);
        this.lagLoops = List.copyOf(builder.lagLoops);
        this.stallLimit = builder.stallLimit;
        Map<Class<?>, List<String>> marks = new LinkedHashMap<>();
        builder.cpuHeavy.forEach((type, names) -> marks.put(type, List.copyOf(names)));
        this.cpuHeavy = Map.copyOf(marks);
        this.anyNonBlockingThread = builder.anyNonBlockingThread;
    }

    /**
     * Starts a detector for the given event loops.
     *
     * @param first the event loops to police
     * @param more more event loops to police
     * @return a builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder forEventLoops(EventLoopThreads first, EventLoopThreads... more) {
        Builder builder = new Builder();
        builder.loops.add(Objects.requireNonNull(first, "first"));
        for (EventLoopThreads loop : more) {
            builder.loops.add(Objects.requireNonNull(loop, "more"));
        }
        return builder;
    }

    /**
     * Starts a detector with both layers for the loops of some frameworks, e.g.
     * {@code forLoops(EventLoops.vertx(vertx), EventLoops.reactor())}.
     *
     * @param first loops to police
     * @param more more loops to police
     * @return a builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder forLoops(EventLoops first, EventLoops... more) {
        Builder builder = new Builder();
        builder.addLoops(Objects.requireNonNull(first, "first"));
        for (EventLoops loops : more) {
            builder.addLoops(Objects.requireNonNull(loops, "more"));
        }
        return builder;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        prepare(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        prepare(context);
        BlockingPolicy.clearViolations();
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) throws InterruptedException {
        if (lagLoops.isEmpty()) {
            return;
        }
        LagWatchdog watchdog = LagWatchdog.watch(lagLoops.get(0), lagLoops.subList(1, lagLoops.size())
                        .toArray(new EventLoops[0]))
                .tickInterval(TICK).stallThreshold(stallLimit)
                .reportStallsTo(Duration.ZERO, stall -> { }) // the test's failure reports them
                .start();
        context.getStore(NAMESPACE).put(LagWatchdog.class, watchdog);
        if (!watchdog.awaitFirstTicks(FIRST_TICK_TIMEOUT)) {
            watchdog.close();
            throw new AssertionError("a loop of " + lagLoops + " ran no lag probe within "
                    + FIRST_TICK_TIMEOUT.toSeconds() + " s: is it running (and not stalled before the test)?");
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        LagWatchdog watchdog = context.getStore(NAMESPACE).remove(LagWatchdog.class, LagWatchdog.class);
        if (watchdog == null) {
            return;
        }
        watchdog.close();
        watchdog.assertNoBusyStallLongerThan(stallLimit);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<BlockingViolation> found = violations();
        if (found.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder()
                .append(found.size()).append(found.size() == 1 ? " blocking violation" : " blocking violations")
                .append(anyNonBlockingThread ? " on non-blocking threads" : " on event loops " + loopNames())
                .append(" during ").append(context.getDisplayName()).append(":\n");
        for (int i = 0; i < found.size(); i++) {
            message.append('#').append(i + 1).append(' ').append(found.get(i).describe());
        }
        long dropped = BlockingPolicy.droppedViolations();
        if (dropped > 0) {
            message.append("(and ").append(dropped).append(" more violations, not kept)\n");
        }
        throw new AssertionError(message.toString());
    }

    /**
     * The violations on this detector's loops recorded since the current test began, oldest first.
     * Non-blocking; callable from any thread.
     *
     * @return an immutable snapshot
     */
    public List<BlockingViolation> violations() {
        List<BlockingViolation> found = new ArrayList<>();
        for (BlockingViolation v : BlockingPolicy.violations()) {
            if (anyNonBlockingThread || concernsLoops(v)) {
                found.add(v);
            }
        }
        return List.copyOf(found);
    }

    private boolean concernsLoops(BlockingViolation violation) {
        for (EventLoopThreads loop : loops) {
            if (violation.eventLoops().contains(loop.name())) {
                return true;
            }
        }
        return false;
    }

    private void prepare(ExtensionContext context) {
        context.getConfigurationParameter(BlockingPolicy.CPU_HEAVY_METHODS_PROPERTY).ifPresent(listed -> {
            ClassLoader loader = context.getRequiredTestClass().getClassLoader();
            for (Map.Entry<Class<?>, String> mark : MethodMarks.parse(listed, loader)) {
                BlockingPolicy.markCpuHeavy(mark.getKey(), mark.getValue());
            }
        });
        cpuHeavy.forEach((type, names) -> names.forEach(name -> BlockingPolicy.markCpuHeavy(type, name)));
        loops.forEach(BlockingPolicy::registerEventLoops);
        BlockingPolicy.assertInstalled();
    }

    private List<String> loopNames() {
        List<String> names = new ArrayList<>();
        loops.forEach(loop -> names.add(loop.name()));
        return names;
    }

    /** Configures a {@link BlockingDetector}; not thread-safe, meant for a field initializer. */
    public static final class Builder {
        private final List<EventLoopThreads> loops = new ArrayList<>();
        private final List<EventLoops> lagLoops = new ArrayList<>();
        private final Map<Class<?>, List<String>> cpuHeavy = new LinkedHashMap<>();
        private Duration stallLimit = Duration.ofMillis(100);
        private boolean anyNonBlockingThread;

        private Builder() {
        }

        private void addLoops(EventLoops added) {
            lagLoops.add(added);
            loops.addAll(added.threads());
        }

        /**
         * The longest stall the lag layer accepts ({@link #forLoops(EventLoops, EventLoops...)} only).
         *
         * @param limit positive; default 100 ms
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder failOnStallsLongerThan(Duration limit) {
            Objects.requireNonNull(limit, "limit");
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("limit must be positive: " + limit);
            }
            this.stallLimit = limit;
            return this;
        }

        /**
         * Marks the named methods of {@code owner} CPU-heavy (see
         * {@link BlockingPolicy#markCpuHeavy(Class, String)}); the detector applies them before it installs.
         *
         * @param owner the class that declares the method bodies
         * @param methodNames method names; all overloads of each are marked
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code owner} declares no concrete method of one of the names
         */
        public Builder markCpuHeavy(Class<?> owner, String... methodNames) {
            Objects.requireNonNull(owner, "owner");
            for (String name : methodNames) {
                MethodMarks.descriptorsOf(owner, name);
                cpuHeavy.computeIfAbsent(owner, k -> new ArrayList<>()).add(name);
            }
            return this;
        }

        /**
         * Also fails on blocking calls on non-blocking threads that are not these loops (Reactor
         * {@code parallel()}, RxJava computation, Netty event loops). CPU-heavy methods still only count on
         * registered event loops.
         *
         * @return this builder
         */
        public Builder failOnAnyNonBlockingThread() {
            this.anyNonBlockingThread = true;
            return this;
        }

        /**
         * Creates the extension; nothing is installed until JUnit calls it.
         *
         * @return the extension, to put in a {@code @RegisterExtension} field
         */
        public BlockingDetector build() {
            return new BlockingDetector(this);
        }
    }
}
