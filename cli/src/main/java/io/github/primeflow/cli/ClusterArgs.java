package io.github.primeflow.cli;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.vertx.cluster.ClusterOptions;
import io.github.primeflow.vertx.cluster.ClusterPrimeChecker;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --cluster*} options of {@code worker}, {@code check} and {@code compare}. */
final class ClusterArgs {

    /** The backend name of the cluster checker. */
    static final String BACKEND = "vertx-cluster";

    /**
     * Hazelcast logs membership tables at INFO and routine reconnects at WARNING; the command line shows its
     * severe errors only, unless a logging configuration is given (kept referenced so the level sticks).
     */
    private static final java.util.logging.Logger HAZELCAST_LOG = java.util.logging.Logger.getLogger("com.hazelcast");

    static {
        if (System.getProperty("java.util.logging.config.file") == null) {
            HAZELCAST_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "Cluster name: run on the worker nodes of this cluster (`primeflow worker --cluster NAME`).")
    String name;

    @Option(names = "--cluster-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address this node binds and announces (default: ${DEFAULT-VALUE}, loopback only).")
    String host;

    @Option(names = "--cluster-members", split = ",", paramLabel = "HOST",
            description = "Hosts of the other nodes, comma-separated (default: the --cluster-host).")
    List<String> members;

    @Option(names = "--cluster-port", paramLabel = "PORT", defaultValue = "5701",
            description = "First of 5 cluster ports on every host (default: ${DEFAULT-VALUE}).")
    int port;

    boolean given() {
        return name != null;
    }

    /** The validated options; bad values are bad input. */
    ClusterOptions options() {
        try {
            return ClusterOptions.loopback(name).withPorts(port, ClusterOptions.DEFAULT_PORT_COUNT)
                    .withHosts(host, members == null ? List.of(host) : members);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--cluster: " + e.getMessage());
        }
    }

    /** A cluster checker: joins the cluster as a client node (blocks about 2.5 s). */
    PrimeChecker checker(CheckerOptions options) {
        return ClusterPrimeChecker.create(options, options());
    }
}
