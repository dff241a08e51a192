package io.github.primeflow.vertx.cluster;

import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.tck.PrimeCheckerTck;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;

/**
 * Every pipeline rule of the kit against the cluster checker, with two worker nodes (2 threads each) in this
 * JVM. The cluster forms on first use: here, and in the child JVM of rule P6's heap probe, which rebuilds the
 * backend from this class.
 */
class ClusterTckTest extends PrimeCheckerTck {

    private static InProcessCluster cluster;

    @AfterAll
    static synchronized void stopCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /**
     * Hazelcast's cached pool of the shared nodes starts threads on demand and ends them when idle; they belong to
     * the nodes, which outlive every checker, not to a checker.
     */
    @Override
    protected Predicate<Thread> sharedThreads() {
        return thread -> thread.getName().startsWith("hz.");
    }

    @Override
    protected PrimeCheckerProvider provider() {
        synchronized (ClusterTckTest.class) {
            if (cluster == null) {
                cluster = new InProcessCluster("tck", 2, 2);
            }
            return cluster.provider();
        }
    }
}
