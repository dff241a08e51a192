/**
 * primeflow across JVMs on the Vert.x clustered event bus (Hazelcast): worker nodes and the {@code vertx-cluster}
 * backend.
 */
@SuppressWarnings("requires-automatic")
module io.github.primeflow.vertx.cluster {
    requires transitive io.github.primeflow;
    requires io.github.primeflow.engine;
    requires transitive io.vertx.core;
    requires io.vertx.clustermanager.hazelcast;
    requires com.hazelcast.core;

    exports io.github.primeflow.vertx.cluster;

    provides io.github.primeflow.spi.PrimeCheckerProvider
            with io.github.primeflow.vertx.cluster.ClusterPrimeCheckerProvider;
}
