package io.github.primeflow.vertx.cluster;

import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.tck.PrimeCheckerFlowVerification;
import org.testng.annotations.AfterClass;

/** The Reactive Streams TCK against the cluster checker, with two worker nodes in this JVM. */
public class ClusterFlowVerificationTest extends PrimeCheckerFlowVerification {

    private InProcessCluster cluster;

    /** Instantiated by TestNG. */
    public ClusterFlowVerificationTest() {
    }

    /** Closes the checker, then leaves the cluster. */
    @Override
    @AfterClass(alwaysRun = true)
    public void closeChecker() {
        try {
            super.closeChecker();
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Override
    protected synchronized PrimeCheckerProvider provider() {
        if (cluster == null) {
            cluster = new InProcessCluster("flow", 2, 2); // the kit's @BeforeClass asks first
        }
        return cluster.provider();
    }
}
