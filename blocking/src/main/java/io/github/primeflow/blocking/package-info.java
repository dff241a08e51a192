/**
 * Catches event loops that block or hog the CPU: as test failures, and as production metrics.
 *
 * <p><b>Finding the loops.</b> {@link io.github.primeflow.blocking.EventLoops} lists the loops of a framework
 * (Vert.x, Netty, Reactor, RxJava 3, a plain executor) both as thread sets for BlockHound and as one executor per
 * loop thread for the lag probe. Each framework is an optional dependency, touched only by its own factory and a
 * package-private helper class loaded with it.
 *
 * <p><b>Two tools, two blind spots.</b>
 * <ul>
 *   <li>{@link io.github.primeflow.blocking.BlockingPolicy} and the JUnit 5 extension
 *       {@link io.github.primeflow.blocking.BlockingDetector} use BlockHound: they see a blocking call
 *       (sleep, park, I/O) on a non-blocking thread, and a call of a method marked CPU-heavy on a registered
 *       event loop, with the exact stack, however short the call. They do not see CPU work in unmarked
 *       methods.</li>
 *   <li>{@link io.github.primeflow.blocking.EventLoopLagMonitor} measures how late a loop runs its tasks
 *       and samples the loop's stack when it stalls: it sees any hogging, marked or not, but only if it lasts
 *       longer than its threshold. {@link io.github.primeflow.blocking.LagWatchdog} runs one per loop on one
 *       timer thread (the detector's lag layer, and the production watchdog, with
 *       {@link io.github.primeflow.blocking.LagMetrics} for Micrometer).</li>
 * </ul>
 *
 * <p><b>Threads.</b> BlockHound's callback runs on the offending thread, inside the instrumented method;
 * it classifies the thread, records a {@link io.github.primeflow.blocking.BlockingViolation} in a
 * lock-free log and returns: the offending call proceeds, nothing is thrown into the code under test.
 * Readers (the extension, on the test thread) take snapshots. The lag monitor owns one daemon timer thread;
 * ticks run on the loop; histogram and stalls are guarded by one lock, never held while the loop's stack is
 * sampled.
 *
 * <p><b>One installation per JVM.</b> BlockHound has one thread predicate and one callback per JVM, so the
 * extension and the TCK share {@code BlockingPolicy}. Its integration has the highest priority, so it is
 * applied after the integrations BlockHound loads itself (Reactor's, Netty's): its callback wins and its
 * predicate wraps theirs, vetoing threads that permit blocking calls (Vert.x workers), virtual threads and
 * fork-join workers. Every other platform thread is "dynamic" for BlockHound, so event loops registered late
 * are still seen; the verdict is cached per thread until the next registration.
 *
 * <p><b>Not a {@code META-INF/services} integration.</b> The integration is passed to
 * {@code BlockHound.install(...)} explicitly. As a service it would be loaded by any other
 * {@code BlockHound.install()} in the user's JVM and, having the highest priority, replace that installation's
 * throwing callback with this recording one: the user's own BlockHound tests would pass silently. It would
 * also run before the marks of the tests are known. The one case a service would help, BlockHound installed
 * first by {@code -javaagent} or {@code blockhound-junit-platform}, is reported by the canary
 * ({@link io.github.primeflow.blocking.BlockingPolicy#assertInstalled()}) instead.
 */
package io.github.primeflow.blocking;
