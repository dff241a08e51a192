package io.github.primeflow.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs small test classes with a {@link BlockingDetector} through the JUnit engine and checks how they end.
 * The nested classes are not run by Surefire itself (it skips nested classes).
 */
class BlockingDetectorTest {

    static final EventLoopThreads DETECTED = EventLoopThreads.namedStartingWith("detector-loop-");
    static final EventLoopThreads OTHER = EventLoopThreads.namedStartingWith("detector-other-loop-");

    @BeforeAll
    static void install() {
        TestPolicy.install();
        BlockingPolicy.registerEventLoops(OTHER);
    }

    @Test
    void cpuHeavyMethodOnItsLoopFailsTheTestWithTheStack() {
        Throwable failure = singleFailure(CpuOnLoop.class);

        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("1 blocking violation on event loops [detector-loop-*] during crunchOnLoop()")
                .hasMessageContaining("CPU_ON_EVENT_LOOP: " + Workloads.class.getName() + ".crunch"
                        + " on thread \"detector-loop-1\"")
                .hasMessageContaining("\tat " + Workloads.class.getName() + ".crunch(")
                .hasMessageContaining("\tat " + CpuOnLoop.class.getName() + ".lambda$");
    }

    @Test
    void sameWorkOnAWorkerPasses() {
        assertPasses(CpuOnWorker.class);
    }

    @Test
    void blockingOnAnotherRegisteredLoopIsNotItsBusiness() {
        assertPasses(SleepOnOtherLoop.class);
    }

    @Test
    void failOnAnyNonBlockingThreadWidensTheScope() {
        assertThat(singleFailure(SleepOnOtherLoopStrict.class)).hasMessageContaining("BLOCKING_CALL: java.lang.Thread.sleep")
                .hasMessageContaining("detector-other-loop-1");
    }

    @Test
    void violationsBeforeTheTestAreCleared() {
        assertPasses(DirtyBeforeAll.class);
    }

    @Test
    void lateMarkFailsTheClassInsteadOfPassingSilently() {
        EngineExecutionResults results = run(LateMark.class);

        assertThat(results.testEvents().started().count()).isZero();
        List<Throwable> failures = failures(results.containerEvents().failed().list());
        assertThat(failures).singleElement().satisfies(t -> assertThat(t).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neverMarked").hasMessageContaining(BlockingPolicy.CPU_HEAVY_METHODS_PROPERTY));
    }

    private static Throwable singleFailure(Class<?> testClass) {
        EngineExecutionResults results = run(testClass);
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        return failures(results.testEvents().failed().list()).get(0);
    }

    private static void assertPasses(Class<?> testClass) {
        EngineExecutionResults results = run(testClass);
        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    static List<Throwable> failures(List<Event> events) {
        return events.stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .map(r -> r.getThrowable().orElseThrow())
                .toList();
    }

    static class CpuOnLoop {
        @RegisterExtension
        static final BlockingDetector detector = BlockingDetector.forEventLoops(DETECTED)
                .markCpuHeavy(Workloads.class, "crunch").build();

        @Test
        void crunchOnLoop() {
            try (TestLoop loop = new TestLoop("detector-loop-1")) {
                loop.run(() -> Workloads.crunch(1_000));
            }
        }
    }

    static class CpuOnWorker {
        @RegisterExtension
        static final BlockingDetector detector = BlockingDetector.forEventLoops(DETECTED)
                .markCpuHeavy(Workloads.class, "crunch").build();

        @Test
        void crunchOnWorker() {
            try (TestLoop worker = new TestLoop("detector-worker-1")) {
                worker.run(() -> Workloads.crunch(1_000));
                worker.run(Workloads::sleepBriefly);
            }
        }
    }

    static class SleepOnOtherLoop {
        @RegisterExtension
        static final BlockingDetector detector = BlockingDetector.forEventLoops(DETECTED).build();

        @Test
        void sleepOnOtherLoop() {
            try (TestLoop other = new TestLoop("detector-other-loop-1")) {
                other.run(Workloads::sleepBriefly);
            }
            assertThat(BlockingPolicy.violations()).as("recorded, just not this detector's").isNotEmpty();
        }
    }

    static class SleepOnOtherLoopStrict {
        @RegisterExtension
        static final BlockingDetector detector = BlockingDetector.forEventLoops(DETECTED)
                .failOnAnyNonBlockingThread().build();

        @Test
        void sleepOnOtherLoop() {
            try (TestLoop other = new TestLoop("detector-other-loop-1")) {
                other.run(Workloads::sleepBriefly);
            }
        }
    }

    static class DirtyBeforeAll {
        @RegisterExtension
        static final BlockingDetector detector = BlockingDetector.forEventLoops(DETECTED).build();

        @BeforeAll
        static void blockBeforeTheTests() {
            try (TestLoop loop = new TestLoop("detector-loop-1")) {
                loop.run(Workloads::sleepBriefly);
            }
            assertThat(detector.violations()).isNotEmpty();
        }

        @Test
        void clean() {
            assertThat(detector.violations()).isEmpty();
        }
    }

    static class LateMark {
        @RegisterExtension
        static final BlockingDetector detector = BlockingDetector.forEventLoops(DETECTED)
                .markCpuHeavy(Workloads.class, "neverMarked").build();

        @Test
        void neverRuns() {
            Workloads.neverMarked(1);
        }
    }
}
