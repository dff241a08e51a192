package io.github.primeflow.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicBoolean;

import io.reactivex.rxjava3.internal.schedulers.NonBlockingThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockingPolicyTest {

    private static final EventLoopThreads LOOPS = EventLoopThreads.namedStartingWith("policy-loop-");
    private static final EventLoopThreads LATE_LOOPS = EventLoopThreads.namedStartingWith("policy-late-loop-");
    private static final EventLoopThreads FORK_JOIN = EventLoopThreads.of("policy-fork-join",
            t -> t instanceof ForkJoinWorkerThread);
    private static final long ROUNDS = 1_000;

    private final TestLoop loop = new TestLoop("policy-loop-1");
    private final TestLoop worker = new TestLoop("policy-worker-1");

    @BeforeAll
    static void installAndRegister() {
        TestPolicy.install();
        BlockingPolicy.registerEventLoops(LOOPS);
    }

    @BeforeEach
    void clear() {
        BlockingPolicy.clearViolations();
    }

    @AfterEach
    void closeThreads() {
        loop.close();
        worker.close();
    }

    @Test
    void canaryProvesThatThePolicyIsActive() {
        assertThatCode(BlockingPolicy::assertInstalled).doesNotThrowAnyException();
        assertThat(BlockingPolicy.isInstalled()).isTrue();
        assertThat(BlockingPolicy.violations()).as("the canary's reports stay out of the log").isEmpty();
    }

    @Test
    void sleepOnARegisteredLoopIsReportedWithItsStack() {
        loop.run(Workloads::sleepBriefly);

        assertThat(BlockingPolicy.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(BlockingViolation.Kind.BLOCKING_CALL);
            assertThat(v.method()).startsWith("java.lang.Thread.sleep");
            assertThat(v.threadName()).isEqualTo("policy-loop-1");
            assertThat(v.eventLoops()).containsExactly(LOOPS.name());
            assertThat(v.stackTrace().get(0).getClassName()).isEqualTo("java.lang.Thread");
            assertThat(v.stackTrace()).anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("sleepBriefly"));
            assertThat(v.describe()).contains("on thread \"policy-loop-1\"", "\tat " + Workloads.class.getName()
                    + ".sleepBriefly(");
        });
    }

    @Test
    void methodListedInAClassPathResourceIsMarked() {
        loop.run(() -> Workloads.crunchDeclared(ROUNDS));

        assertThat(BlockingPolicy.violations()).first().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(BlockingViolation.Kind.CPU_ON_EVENT_LOOP);
            assertThat(v.method()).isEqualTo(Workloads.class.getName() + ".crunchDeclared");
            assertThat(v.stackTrace().get(0).getMethodName()).isEqualTo("crunchDeclared");
        });
    }

    @Test
    void markedMethodOnAWorkerIsNotReported() {
        worker.run(() -> Workloads.crunch(ROUNDS));
        worker.run(() -> Workloads.crunchDeclared(ROUNDS));
        assertThat(BlockingPolicy.violations()).isEmpty();

        loop.run(() -> Workloads.crunch(ROUNDS)); // the same call on the loop: reported
        assertThat(BlockingPolicy.violations()).extracting(BlockingViolation::threadName).containsExactly("policy-loop-1");
    }

    @Test
    void nioFileIoOnALoopIsReported() throws Exception {
        Path file = Files.createTempFile("policy-nio", ".txt");
        try {
            loop.run(() -> {
                try {
                    Files.writeString(file, "x");
                    Files.readAllBytes(file);
                    try (FileChannel channel = FileChannel.open(file)) {
                        channel.read(ByteBuffer.allocate(1), 0);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            worker.run(() -> ShopApp.readAllBytes(file)); // fine on a worker
        } finally {
            Files.delete(file);
        }

        assertThat(BlockingPolicy.violations())
                .allSatisfy(v -> assertThat(v.threadName()).isEqualTo("policy-loop-1"))
                .extracting(BlockingViolation::method)
                .startsWith(NioFileMethods.FILE_CHANNEL_IMPL + "#write") // Files.writeString
                .containsOnly(NioFileMethods.FILE_CHANNEL_IMPL + "#write", NioFileMethods.FILE_CHANNEL_IMPL + "#read")
                .hasSizeGreaterThanOrEqualTo(3); // readAllBytes reads until the end, then the positional read
    }

    /** The README's "does not see" list, as measured (a change in BlockHound that sees them fails this). */
    @Test
    void monitorContentionFileMetadataAndDnsAreNotSeen() throws Exception {
        Path file = Files.createTempFile("policy-metadata", ".txt");
        Object monitor = new Object();
        Thread loopThread = loop.call(Thread::currentThread);
        try {
            loop.run(() -> {
                try {
                    Files.exists(file);
                    Files.size(file);
                    java.net.InetAddress.getByName("localhost");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            CompletableFuture<Void> contended;
            synchronized (monitor) {
                contended = CompletableFuture.runAsync(() -> {
                    synchronized (monitor) {
                        monitor.notifyAll(); // no-op; the point is entering the contended monitor
                    }
                }, loop.executor());
                await().atMost(Duration.ofSeconds(10)).until(() -> loopThread.getState() == Thread.State.BLOCKED);
            }
            contended.get(10, TimeUnit.SECONDS);
        } finally {
            Files.delete(file);
        }

        assertThat(BlockingPolicy.violations()).isEmpty();
    }

    @Test
    void sleepOnAWorkerIsNotReported() {
        worker.run(Workloads::sleepBriefly);
        assertThat(BlockingPolicy.violations()).isEmpty();
    }

    @Test
    void userMarkedMethodIsReportedOnALoopOnly() {
        worker.run(() -> Workloads.crunch(1_000));
        loop.run(() -> Workloads.crunch(1_000));

        assertThat(BlockingPolicy.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(BlockingViolation.Kind.CPU_ON_EVENT_LOOP);
            assertThat(v.method()).isEqualTo(Workloads.class.getName() + ".crunch");
            assertThat(v.threadName()).isEqualTo("policy-loop-1");
        });
    }

    @Test
    void methodListedInTheSystemPropertyIsMarked() {
        assertThat(System.getProperty(BlockingPolicy.CPU_HEAVY_METHODS_PROPERTY)).contains("crunchListed");
        loop.run(() -> Workloads.crunchListed(1_000));

        assertThat(BlockingPolicy.violations()).extracting(BlockingViolation::method)
                .contains(Workloads.class.getName() + ".crunchListed");
    }

    @Test
    void computationThreadMayRunKernelsButNotSleep() {
        AtomicBoolean done = new AtomicBoolean();
        Thread computation = new ComputationThread(() -> {
            Workloads.crunch(ROUNDS);
            Workloads.sleepBriefly();
            done.set(true);
        });
        computation.start();
        join(computation);

        assertThat(done).isTrue();
        assertThat(BlockingPolicy.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(BlockingViolation.Kind.BLOCKING_CALL);
            assertThat(v.threadName()).isEqualTo("policy-computation");
            assertThat(v.eventLoops()).isEmpty();
        });
    }

    @Test
    void loopRegisteredAfterItsThreadFirstBlockedIsPoliced() {
        try (TestLoop late = new TestLoop("policy-late-loop-1")) {
            late.run(Workloads::sleepBriefly);
            assertThat(BlockingPolicy.violations()).as("before registration").isEmpty();

            BlockingPolicy.registerEventLoops(LATE_LOOPS);
            late.run(Workloads::sleepBriefly);

            assertThat(BlockingPolicy.violations()).extracting(BlockingViolation::threadName)
                    .containsExactly("policy-late-loop-1");
        }
    }

    @Test
    void forkJoinWorkersAreNeverPoliced() {
        BlockingPolicy.registerEventLoops(FORK_JOIN);
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            pool.submit(Workloads::sleepBriefly).join();
            pool.submit(() -> Workloads.crunch(ROUNDS)).join();
        } finally {
            pool.shutdownNow();
        }
        assertThat(BlockingPolicy.violations()).isEmpty();
    }

    @Test
    void clearViolationsForgetsThem() {
        loop.run(Workloads::sleepBriefly);
        assertThat(BlockingPolicy.violations()).isNotEmpty();

        BlockingPolicy.clearViolations();
        assertThat(BlockingPolicy.violations()).isEmpty();
    }

    @Test
    void markingANewMethodAfterTheInstallFailsAndSaysHowToFixIt() {
        assertThatThrownBy(() -> BlockingPolicy.markCpuHeavy(Workloads.class, "neverMarked"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(BlockingPolicy.CPU_HEAVY_METHODS_PROPERTY + "=" + Workloads.class.getName()
                        + "#neverMarked");
        assertThatCode(() -> BlockingPolicy.markCpuHeavy(Workloads.class, "crunch"))
                .as("already marked at install").doesNotThrowAnyException();
    }

    @Test
    void methodsWithoutABodyCannotBeMarked() {
        assertThatThrownBy(() -> BlockingPolicy.markCpuHeavy(Runnable.class, "run"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no concrete method");
        assertThatThrownBy(() -> BlockingPolicy.markCpuHeavy(Workloads.class, "noSuchMethod"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherLoopUnderATakenNameIsRejected() {
        assertThatCode(() -> BlockingPolicy.registerEventLoops(LOOPS)).doesNotThrowAnyException();
        assertThatThrownBy(() -> BlockingPolicy.registerEventLoops(EventLoopThreads.namedStartingWith("policy-loop-")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy-loop-*");
    }

    @Test
    void markListsAreParsed() {
        List<Map.Entry<Class<?>, String>> marks = MethodMarks.parse(
                " io.github.primeflow.blocking.Workloads#crunch,java.lang.Long#parseLong ,\njava.lang.Math#sqrt\n",
                getClass().getClassLoader());
        assertThat(marks).containsExactly(Map.entry(Workloads.class, "crunch"), Map.entry(Long.class, "parseLong"),
                Map.entry(Math.class, "sqrt"));
        assertThatThrownBy(() -> MethodMarks.parse("NoHash", getClass().getClassLoader()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MethodMarks.parse("com.example.Missing#x", getClass().getClassLoader()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("com.example.Missing");
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(thread.isAlive()).as("thread ended").isFalse();
    }

    /** Stands for an RxJava 3 computation thread: a CPU pool, non-blocking. */
    private static final class ComputationThread extends Thread implements NonBlockingThread {
        ComputationThread(Runnable task) {
            super(task, "policy-computation");
        }
    }
}
