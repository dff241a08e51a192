package io.github.primeflow.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.Test;

/** Each framework's loops are found without any help: one monitor per loop thread, the right threads policed. */
class EventLoopsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void vertxGivesEveryEventLoopThreadOfTheInstance() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(3));
        try {
            EventLoops loops = EventLoops.vertx(vertx);

            assertThat(loops.threads()).containsExactly(EventLoopThreads.vertx());
            assertThat(loopThreadNames(loops)).hasSize(3).allSatisfy(name ->
                    assertThat(name).startsWith("vert.x-eventloop-thread-"));
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void nettyGivesExactlyTheThreadsOfTheGroup() throws Exception {
        DefaultEventExecutorGroup group = new DefaultEventExecutorGroup(2);
        DefaultEventExecutorGroup other = new DefaultEventExecutorGroup(1);
        try {
            EventLoops loops = EventLoops.netty("test-group", group);
            EventLoopThreads threads = loops.threads().get(0);

            assertThat(loopThreadNames(loops)).hasSize(2);
            for (EventExecutor executor : group) {
                assertThat(onThread(executor, () -> threads.contains(Thread.currentThread()))).isTrue();
            }
            assertThat(onThread(other.next(), () -> threads.contains(Thread.currentThread()))).isFalse();
            assertThat(threads.contains(Thread.currentThread())).isFalse();
            assertThat(threads.cpuWorkAllowed()).isFalse();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
            other.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void reactorGivesEveryParallelThreadAndSingle() throws Exception {
        EventLoops loops = EventLoops.reactor();

        assertThat(loops.threads()).extracting(EventLoopThreads::name).containsExactly("reactor", "reactor-netty");
        assertThat(loops.threads().get(0).cpuWorkAllowed()).as("parallel() is a CPU pool").isTrue();
        List<String> names = loopThreadNames(loops);
        assertThat(names).hasSize(reactor.core.scheduler.Schedulers.DEFAULT_POOL_SIZE + 1).doesNotHaveDuplicates();
        assertThat(names).filteredOn(n -> n.startsWith("parallel-")).hasSize(names.size() - 1);
        assertThat(names).filteredOn(n -> n.startsWith("single-")).hasSize(1);
    }

    @Test
    void rxJavaGivesEveryComputationThreadAndSingle() throws Exception {
        EventLoops loops = EventLoops.rxJava();

        assertThat(loops.threads().get(0).cpuWorkAllowed()).isTrue();
        List<String> names = loopThreadNames(loops);
        assertThat(names).hasSize(Runtime.getRuntime().availableProcessors() + 1).doesNotHaveDuplicates();
        assertThat(names).filteredOn(n -> n.startsWith("RxComputationThreadPool-")).hasSize(names.size() - 1);
        assertThat(names).filteredOn(n -> n.startsWith("RxSingleScheduler-")).hasSize(1);
    }

    @Test
    void executorLearnsItsThread() throws Exception {
        try (TestLoop loop = new TestLoop("events-own-loop")) {
            EventLoops loops = EventLoops.executor("own", loop.executor());
            EventLoopThreads threads = loops.threads().get(0);

            assertThat(loop.call(() -> threads.contains(Thread.currentThread()))).isTrue();
            assertThat(threads.contains(Thread.currentThread())).isFalse();
            assertThat(loopThreadNames(loops)).containsExactly("events-own-loop");
        }
    }

    /** The thread each loop's monitor ticked on. */
    private static List<String> loopThreadNames(EventLoops loops) throws InterruptedException {
        try (LagWatchdog watchdog = LagWatchdog.watch(loops).start()) {
            assertThat(watchdog.awaitFirstTicks(TIMEOUT)).isTrue();
            return watchdog.monitors().stream().map(m -> m.loopThread().getName()).toList();
        }
    }

    private static <T> T onThread(Executor executor, java.util.function.Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, executor).orTimeout(10, TimeUnit.SECONDS).join();
    }
}
