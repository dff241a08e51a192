package io.github.primeflow.vertx.cluster;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.spi.PrimeCheckerProvider;
import io.vertx.core.Context;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One client node and two worker nodes in this JVM, shared by a test class (a cluster takes seconds to form).
 * The provider creates checkers on the shared client node, so a checker starts no thread of its own: every
 * event loop of the client is started up front.
 */
final class InProcessCluster implements AutoCloseable {

    final ClusterOptions options;
    final ClusterNode client;
    final List<PrimeWorkerNode> workers = new ArrayList<>();

    InProcessCluster(String purpose, int workerCount, int threadsPerWorker) {
        options = TestClusters.fresh(purpose);
        client = ClusterNode.join(options);
        warmThreads(client);
        for (int i = 0; i < workerCount; i++) {
            PrimeWorkerNode worker = PrimeWorkerNode.start(options, threadsPerWorker);
            warmThreads(worker.clusterNode());
            workers.add(worker);
        }
    }

    /**
     * Starts every event-loop thread and every thread of the default worker pool (where the cluster manager does
     * its blocking work) of the node now, so that no checker seems to start one, whatever rule runs first.
     */
    private static void warmThreads(ClusterNode node) {
        warmEventLoops(node);
        int workers = VertxOptions.DEFAULT_WORKER_POOL_SIZE;
        CountDownLatch started = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            node.vertx().executeBlocking(() -> {
                started.countDown(); // each task holds its thread until all have one
                return started.await(30, TimeUnit.SECONDS);
            }, false);
        }
        await(started);
    }

    private static void warmEventLoops(ClusterNode node) {
        int loops = 4 * Runtime.getRuntime().availableProcessors();
        CountDownLatch ran = new CountDownLatch(loops);
        for (int i = 0; i < loops; i++) {
            Context context = ((io.vertx.core.internal.VertxInternal) node.vertx()).createEventLoopContext();
            context.runOnContext(ignored -> ran.countDown());
        }
        await(ran);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    PrimeCheckerProvider provider() {
        return new PrimeCheckerProvider() {
            @Override
            public String name() {
                return ClusterPrimeChecker.NAME;
            }

            @Override
            public PrimeChecker create(CheckerOptions checkerOptions) {
                return ClusterPrimeChecker.create(checkerOptions, options, client);
            }

            @Override
            public Predicate<Thread> eventLoopThreads() {
                return new ClusterPrimeCheckerProvider().eventLoopThreads();
            }
        };
    }

    @Override
    public void close() {
        for (PrimeWorkerNode worker : workers) {
            worker.close();
        }
        client.close();
    }
}
