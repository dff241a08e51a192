package io.github.primeflow.cli;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.vertx.cluster.ClusterOptions;
import io.github.primeflow.vertx.cluster.ClusterPrimeChecker;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code --cluster*} options of {@code worker}, {@code check} and {@code compare}. */
final class ClusterArgs {

    /** The backend name of the cluster checker. */
    static final String BACKEND = "vertx-cluster";

    /**
     * Hazelcast logs membership tables at INFO and routine reconnects at WARNING; the command line shows its
     * severe errors only, unless a logging configuration is given (kept referenced so the level sticks). Set up
     * only once a cluster is used: initializing java.util.logging would slow every other command's start.
     */
    private static final class HazelcastLog {
        private static final Logger LOG = Logger.getLogger("com.hazelcast");

        static {
            if (System.getProperty("java.util.logging.config.file") == null) {
                LOG.setLevel(Level.SEVERE);
            }
        }

        /** Sets the level (the class initializer does, once). */
        static void quiet() {
        }
    }

    private final CommandSpec spec;

    private ClusterArgs(CommandSpec spec) {
        this.spec = spec;
    }

    /** Adds the {@code --cluster*} options to {@code spec}; the returned object reads them once it is parsed. */
    static ClusterArgs addTo(CommandSpec spec) {
        spec.addOption(CommandSpecs.option("--cluster", String.class, "NAME", null,
                "Cluster name: run on the worker nodes of this cluster (`primeflow worker --cluster NAME`)."));
        spec.addOption(CommandSpecs.option("--cluster-host", String.class, "HOST", "127.0.0.1",
                "Address this node binds and announces (default: ${DEFAULT-VALUE}, loopback only)."));
        spec.addOption(CommandSpecs.commaList("--cluster-members", "HOST",
                "Hosts of the other nodes, comma-separated (default: the --cluster-host)."));
        spec.addOption(CommandSpecs.option("--cluster-port", int.class, "PORT", "5701",
                "First of 5 cluster ports on every host (default: ${DEFAULT-VALUE})."));
        return new ClusterArgs(spec);
    }

    String name() {
        return CommandSpecs.value(spec, "--cluster");
    }

    String host() {
        return CommandSpecs.value(spec, "--cluster-host");
    }

    boolean given() {
        return name() != null;
    }

    /** The validated options; bad values are bad input. */
    ClusterOptions options() {
        HazelcastLog.quiet();
        try {
            List<String> members = CommandSpecs.value(spec, "--cluster-members");
            int port = CommandSpecs.value(spec, "--cluster-port");
            return ClusterOptions.loopback(name()).withPorts(port, ClusterOptions.DEFAULT_PORT_COUNT)
                    .withHosts(host(), members == null ? List.of(host()) : members);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--cluster: " + e.getMessage());
        }
    }

    /** A cluster checker: joins the cluster as a client node (blocks about 2.5 s). */
    PrimeChecker checker(CheckerOptions options) {
        return ClusterPrimeChecker.create(options, options());
    }
}
