package io.github.primeflow.cli;

import io.github.primeflow.vertx.cluster.PrimeWorkerNode;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code primeflow worker}: a worker node of a cluster, until SIGTERM or Ctrl-C (then it leaves gracefully). */
@Command(name = "worker", mixinStandardHelpOptions = true,
        header = "Runs a worker node that serves the prime checks of `check`/`compare --cluster NAME`.",
        description = {"Joins the cluster, serves checks on --threads threads, and on SIGTERM or Ctrl-C stops",
            "accepting, finishes what it runs and leaves; checkers re-send anything it did not answer."})
final class WorkerCommand implements Callable<Integer> {

    /** Latches of the workers running in this JVM; tests release them to end the command in-process. */
    private static final Set<CountDownLatch> RUNNING = ConcurrentHashMap.newKeySet();

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterArgs cluster;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the core count).")
    private Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        if (!cluster.given()) {
            throw new UsageException("worker: --cluster NAME is required");
        }
        int count = Inputs.workers(threads, "--threads");
        PrimeWorkerNode node = Shutdown.track(PrimeWorkerNode.start(cluster.options(), count));
        CountDownLatch stop = new CountDownLatch(1);
        RUNNING.add(stop);
        PrintWriter out = spec.commandLine().getOut();
        out.println("worker " + node.nodeId() + " serves cluster '" + cluster.name + "' on " + cluster.host
                + " with " + count + " threads; stop it with Ctrl-C or SIGTERM");
        out.flush();
        try {
            stop.await(); // on SIGTERM the shutdown hook closes the node (a graceful leave) and the JVM exits
        } finally {
            RUNNING.remove(stop);
            node.close();
            Shutdown.untrack(node);
        }
        out.println("worker " + node.nodeId() + " left");
        out.flush();
        return 0;
    }

    /** Ends every worker command running in this JVM, as a graceful stop (tests). */
    static void stopAll() {
        for (CountDownLatch stop : RUNNING) {
            stop.countDown();
        }
    }

    static boolean anyRunning() {
        return !RUNNING.isEmpty();
    }
}
