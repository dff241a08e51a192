package io.github.primeflow.blocking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import reactor.blockhound.BlockHound;

/**
 * The JVM-wide BlockHound installation shared by every {@link BlockingDetector} and by the TCK. BlockHound
 * installs once per JVM, with one thread predicate and one callback; this class owns them.
 *
 * <p><b>What counts as a violation.</b> Recorded as a {@link BlockingViolation}, never thrown (the offending
 * call proceeds):
 * <ol>
 *   <li>a method marked CPU-heavy ({@link #markCpuHeavy(Class, String)}, the system property
 *       {@value #CPU_HEAVY_METHODS_PROPERTY}, or a class-path resource {@value #CPU_HEAVY_METHODS_RESOURCE}
 *       a library ships for its own kernels, as {@code primeflow-tck} does for primeflow's) running on a registered event-loop thread ({@link #registerEventLoops(EventLoopThreads)});
 *       the same call on any other thread, including Reactor {@code parallel()} and RxJava
 *       {@code computation()} threads, which are CPU pools, is fine;</li>
 *   <li>a blocking call BlockHound knows (sleep, park, socket and file I/O, {@code Object.wait}, ...) on a
 *       non-blocking thread: a registered event loop, a Reactor {@code NonBlocking} thread (when reactor-core
 *       is on the class path), a Netty event loop (when Netty is), an RxJava 3 computation or single thread.
 *       Threads that permit blocking calls (Vert.x workers), virtual threads and fork-join workers are never
 *       policed.</li>
 * </ol>
 *
 * <p><b>Lifecycle.</b> {@link #install()} is idempotent and thread-safe. Event loops may be registered at any
 * time. CPU-heavy methods, however, must be marked <em>before</em> the first install: BlockHound instruments
 * only then, so a later new mark throws {@link IllegalStateException}. To mark methods before any test class
 * runs, list them in the system property or JUnit configuration parameter
 * {@value #CPU_HEAVY_METHODS_PROPERTY} (e.g. in {@code junit-platform.properties}).
 *
 * <p><b>Requirements.</b> The JVM must run with {@code -XX:+AllowRedefinitionToAddDeleteMethods} (and, on
 * JDK 23+, {@code -XX:+EnableDynamicAgentLoading --sun-misc-unsafe-memory-access=allow -Xshare:off}), and
 * BlockHound must not have been installed by someone else first ({@code -javaagent},
 * {@code blockhound-junit-platform}, another {@code BlockHound.install()}): then BlockHound ignores this
 * installation, which {@link #assertInstalled()} reports.
 *
 * <p><b>Warning:</b> violations are JVM-wide; tests that read them must not run concurrently with each other.
 */
public final class BlockingPolicy {

    /**
     * System property, or JUnit configuration parameter read by {@link BlockingDetector}, listing CPU-heavy
     * methods to mark at the first install: {@code com.acme.Foo#compute, com.acme.Bar#hash}.
     */
    public static final String CPU_HEAVY_METHODS_PROPERTY = "primeflow.blocking.cpuHeavyMethods";

    /**
     * Class-path resource in which a library lists its own CPU-heavy methods, marked at the first install:
     * {@code Class#method} entries separated by commas or line breaks; every copy on the class path is read.
     */
    public static final String CPU_HEAVY_METHODS_RESOURCE = "META-INF/primeflow-blocking/cpu-heavy-methods";

    /** The JVM flags BlockHound needs, for error messages. */
    static final String JVM_FLAGS = "-XX:+AllowRedefinitionToAddDeleteMethods (on JDK 23+ also "
            + "-XX:+EnableDynamicAgentLoading --sun-misc-unsafe-memory-access=allow -Xshare:off)";

    private static final int MAX_KEPT_VIOLATIONS = 1000;
    private static final long CANARY_TIMEOUT_SECONDS = 10;

    private static final Object LOCK = new Object();
    private static final MethodMarks MARKS = new MethodMarks(); // guarded by LOCK
    private static final EventLoopRegistry LOOPS = new EventLoopRegistry();
    private static final ViolationLog LOG = new ViolationLog(MAX_KEPT_VIOLATIONS);

    private static MethodMarks installedMarks; // guarded by LOCK; non-null once installed
    private static RuntimeException installFailure; // guarded by LOCK
    private static boolean installedByOthersFirst; // guarded by LOCK
    private static volatile boolean canaryPassed;

    static {
        MARKS.add(CanaryThread.class, "probe");
    }

    private BlockingPolicy() {
    }

    /**
     * Marks every concrete method named {@code methodName} that {@code owner} declares as CPU-heavy: a call on
     * a registered event-loop thread becomes a {@link BlockingViolation.Kind#CPU_ON_EVENT_LOOP} violation.
     * Overrides of it in subclasses are not seen: mark each implementing class.
     *
     * @param owner the class that declares the method body
     * @param methodName the method's name; all its overloads are marked
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code owner} declares no concrete method of that name
     * @throws IllegalStateException if BlockHound is installed already and the method was not marked at
     *     install (list it in {@value #CPU_HEAVY_METHODS_PROPERTY} instead); marking an already marked method
     *     is a no-op
     */
    public static void markCpuHeavy(Class<?> owner, String methodName) {
        synchronized (LOCK) {
            if (installedMarks == null) {
                MARKS.add(owner, methodName);
                return;
            }
            MethodMarks.descriptorsOf(owner, methodName);
            if (!installedMarks.contains(owner.getName(), methodName)) {
                throw new IllegalStateException(owner.getName() + "#" + methodName + " cannot be marked CPU-heavy now:"
                        + " BlockHound was installed earlier in this JVM (by another test class or by"
                        + " BlockingPolicy.install()) and instruments methods only at install. Mark it before the"
                        + " first install: list it in the JUnit configuration parameter or system property "
                        + CPU_HEAVY_METHODS_PROPERTY + " (e.g. in junit-platform.properties: "
                        + CPU_HEAVY_METHODS_PROPERTY + "=" + owner.getName() + "#" + methodName + ").");
            }
        }
    }

    /**
     * Registers event-loop threads: from now on, marked CPU-heavy methods and blocking calls on them are
     * violations. Takes effect at once, also for threads that already ran, and before or after
     * {@link #install()}. Registering the same instance twice is a no-op; registrations last for the JVM.
     *
     * @param loops the threads to police
     * @throws NullPointerException if {@code loops} is null
     * @throws IllegalArgumentException if a different instance with the same name is registered
     */
    public static void registerEventLoops(EventLoopThreads loops) {
        LOOPS.register(Objects.requireNonNull(loops, "loops"));
    }

    /**
     * Installs BlockHound with this policy, once per JVM; later calls return at once. Also marks the methods
     * listed in the system property {@value #CPU_HEAVY_METHODS_PROPERTY} and in the class-path resources
     * {@value #CPU_HEAVY_METHODS_RESOURCE}. Takes a second or so the first time
     * (class retransformation). BlockHound also loads the integrations it finds with {@code ServiceLoader}
     * (Reactor's, Netty's); this policy's is applied last.
     *
     * @throws IllegalStateException if BlockHound cannot be installed (usually missing JVM flags: see the
     *     class comment); every later call throws it again
     * @throws IllegalArgumentException if the system property or a resource names a class or method that
     *     does not exist
     */
    public static void install() {
        synchronized (LOCK) {
            if (installedMarks != null) {
                return;
            }
            if (installFailure != null) {
                throw installFailure;
            }
            ClassLoader loader = contextClassLoader();
            StringBuilder listed = new StringBuilder(System.getProperty(CPU_HEAVY_METHODS_PROPERTY, ""));
            listedInResources(loader, listed);
            for (Map.Entry<Class<?>, String> mark : MethodMarks.parse(listed.toString(), loader)) {
                MARKS.add(mark.getKey(), mark.getValue());
            }
            MethodMarks frozen = MARKS.frozen();
            installedByOthersFirst = blockHoundRuntimeLoaded();
            preloadCallbackClasses();
            try {
                BlockHound.install(new PolicyIntegration(frozen, LOOPS, LOG));
            } catch (RuntimeException | LinkageError e) {
                installFailure = new IllegalStateException("BlockHound could not be installed; run the JVM with "
                        + JVM_FLAGS + " (in Maven: the Surefire argLine)", e);
                throw installFailure;
            }
            installedMarks = frozen;
        }
    }

    /**
     * Whether {@link #install()} has succeeded in this JVM. It does not prove that BlockHound runs this
     * policy: {@link #assertInstalled()} does.
     *
     * @return {@code true} after a successful install
     */
    public static boolean isInstalled() {
        synchronized (LOCK) {
            return installedMarks != null;
        }
    }

    /**
     * The canary: installs if needed, then proves that BlockHound is active with this policy by making a
     * deliberate blocking call and a call of a marked method on a dedicated event-loop thread, and checking
     * that both reached this policy's callback. Runs once per JVM (a few milliseconds); later calls return
     * at once. The canary's reports never appear in {@link #violations()}. Blocks the calling thread until
     * the canary thread ends, so call it from a test thread, not from an event loop.
     *
     * @throws AssertionError if BlockHound is not active, or runs another installation's policy
     * @throws IllegalStateException if BlockHound cannot be installed
     */
    public static void assertInstalled() {
        install();
        if (canaryPassed) {
            return;
        }
        CanaryThread canary = new CanaryThread();
        canary.start();
        try {
            canary.join(TimeUnit.SECONDS.toMillis(CANARY_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the BlockHound canary", e);
        }
        if (canary.sawBlockingCall() && canary.sawCpuMark()) {
            canaryPassed = true;
            return;
        }
        boolean othersFirst;
        synchronized (LOCK) {
            othersFirst = installedByOthersFirst;
        }
        throw new AssertionError("BlockHound is not policing with primeflow's policy: on the canary event-loop"
                + " thread, a Thread.sleep was " + (canary.sawBlockingCall() ? "" : "NOT ") + "reported and a"
                + " marked CPU-heavy method was " + (canary.sawCpuMark() ? "" : "NOT ") + "reported. "
                + (othersFirst
                        ? "BlockHound was installed before primeflow's policy (by -javaagent,"
                                + " blockhound-junit-platform or an earlier BlockHound.install()), which makes"
                                + " BlockHound ignore this one; remove that installation."
                        : "Check the JVM flags: " + JVM_FLAGS + "."));
    }

    /**
     * The violations recorded since the last {@link #clearViolations()}, oldest first. At most 1000 are
     * kept; later ones are counted but dropped. Non-blocking; callable from any thread.
     *
     * @return an immutable snapshot
     */
    public static List<BlockingViolation> violations() {
        return LOG.snapshot();
    }

    /** Forgets every recorded violation. Non-blocking; callable from any thread. */
    public static void clearViolations() {
        LOG.clear();
    }

    /** How many violations were dropped because the log was full, since the last clear. */
    static long droppedViolations() {
        return LOG.dropped();
    }

    /** Whether BlockHound's runtime is already in the boot class path, i.e. someone installed BlockHound. */
    private static boolean blockHoundRuntimeLoaded() {
        try {
            Class.forName("reactor.blockhound.BlockHoundRuntime", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Loads what the callback uses, so that it never loads a class on an event loop. */
    private static void preloadCallbackClasses() {
        new BlockingViolation(BlockingViolation.Kind.BLOCKING_CALL, "preload", List.of("preload"), "preload",
                StackTraces.belowBlockHound(new Throwable().getStackTrace())).describe();
    }

    /** Appends the entries of every {@value #CPU_HEAVY_METHODS_RESOURCE} on the class path. */
    private static void listedInResources(ClassLoader loader, StringBuilder listed) {
        try {
            Enumeration<URL> resources = loader.getResources(CPU_HEAVY_METHODS_RESOURCE);
            while (resources.hasMoreElements()) {
                try (InputStream in = resources.nextElement().openStream()) {
                    listed.append(',').append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CPU_HEAVY_METHODS_RESOURCE, e);
        }
    }

    private static ClassLoader contextClassLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : BlockingPolicy.class.getClassLoader();
    }
}
