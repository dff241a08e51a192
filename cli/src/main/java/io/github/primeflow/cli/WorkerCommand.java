package io.github.primeflow.cli;

import io.github.primeflow.vertx.cluster.PrimeWorkerNode;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Model.CommandSpec;

/** {@code primeflow worker}: a worker node of a cluster, until SIGTERM or Ctrl-C (then it leaves gracefully). */
final class WorkerCommand implements Callable<Integer> {

    /** Latches of the workers running in this JVM; tests release them to end the command in-process. */
    private static final Set<CountDownLatch> RUNNING = ConcurrentHashMap.newKeySet();

    private final CommandSpec spec;
    private final ClusterArgs cluster;

    WorkerCommand() {
        spec = CommandSpecs.command(this, "worker",
                "Runs a worker node that serves the prime checks of `check`/`compare --cluster NAME`.",
                "Joins the cluster, serves checks on --threads threads, and on SIGTERM or Ctrl-C stops accepting,"
                        + " finishes what it runs and leaves; checkers re-send anything it did not answer.");
        cluster = ClusterArgs.addTo(spec);
        spec.addOption(CommandSpecs.option("--threads", Integer.class, "N", null,
                "Worker threads (default: the core count)."));
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!cluster.given()) {
            throw new UsageException("worker: --cluster NAME is required");
        }
        int count = Inputs.workers(CommandSpecs.value(spec, "--threads"), "--threads");
        PrimeWorkerNode node = Shutdown.track(PrimeWorkerNode.start(cluster.options(), count));
        CountDownLatch stop = new CountDownLatch(1);
        RUNNING.add(stop);
        PrintWriter out = spec.commandLine().getOut();
        out.println("worker " + node.nodeId() + " serves cluster '" + cluster.name() + "' on " + cluster.host()
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
