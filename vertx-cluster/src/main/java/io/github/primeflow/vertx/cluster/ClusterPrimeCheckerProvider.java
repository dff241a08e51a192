package io.github.primeflow.vertx.cluster;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Registers the {@code vertx-cluster} backend with {@link java.util.ServiceLoader}: every checker it creates is
 * a {@link ClusterPrimeChecker} that joins the cluster described by {@link ClusterOptions#fromSystemProperties()}
 * (loopback, cluster {@code primeflow}, unless the {@code primeflow.cluster.*} properties say otherwise). The
 * checker does not start worker nodes: start them with {@link PrimeWorkerNode} or {@code primeflow worker}.
 * Claims every capability.
 */
public final class ClusterPrimeCheckerProvider implements PrimeCheckerProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public ClusterPrimeCheckerProvider() {
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code vertx-cluster}
     */
    @Override
    public String name() {
        return ClusterPrimeChecker.NAME;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Blocks until the client node joined (about 2.5 s on loopback).
     *
     * @return {@link ClusterPrimeChecker#create(CheckerOptions, ClusterOptions)} with the system-property options
     */
    @Override
    public PrimeChecker create(CheckerOptions options) {
        return ClusterPrimeChecker.create(Objects.requireNonNull(options, "options"),
                ClusterOptions.fromSystemProperties());
    }

    /**
     * Vert.x event-loop threads ({@code vert.x-eventloop-thread-*}, {@code vert.x-acceptor-thread-*}) of the
     * client and of worker nodes in this JVM.
     *
     * @return the predicate
     */
    @Override
    public Predicate<Thread> eventLoopThreads() {
        return thread -> thread.getName().startsWith("vert.x-eventloop-thread-")
                || thread.getName().startsWith("vert.x-acceptor-thread-");
    }
}
