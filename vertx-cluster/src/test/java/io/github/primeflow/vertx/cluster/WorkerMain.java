package io.github.primeflow.vertx.cluster;

import java.time.Duration;
import java.util.List;

/**
 * A worker node in its own JVM, for the integration tests: {@code WorkerMain <cluster> <host> <port> <ports>
 * <threads>}. Prints {@code READY <node id>} once it serves; on SIGTERM it leaves gracefully and prints
 * {@code STOPPED}.
 */
public final class WorkerMain {

    private WorkerMain() {
    }

    /**
     * Starts the node and waits for the end of the JVM.
     *
     * @param args cluster name, host, first port, port count, threads
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        ClusterOptions options = new ClusterOptions(args[0], args[1], Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), List.of(args[1]), Duration.ofSeconds(30), Duration.ofSeconds(2));
        PrimeWorkerNode node = PrimeWorkerNode.start(options, Integer.parseInt(args[4]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING " + node.nodeId());
            System.out.flush();
            node.close();
            System.out.println("STOPPED " + node.nodeId());
            System.out.flush();
        }, "worker-main-shutdown"));
        System.out.println("READY " + node.nodeId());
        System.out.flush();
        Thread.currentThread().join();
    }
}
