package io.github.primeflow.vertx.cluster;

import io.github.primeflow.tck.TckEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Per-run cluster options: own cluster name, a free port range on loopback, the kit's time scale. */
final class TestClusters {

    static final double SCALE = TckEnvironment.fromSystem().scale();

    private TestClusters() {
    }

    static Duration scaled(long millis) {
        return Duration.ofMillis(Math.round(millis * SCALE));
    }

    /** Fresh loopback options: a unique cluster name and 5 consecutive free ports. */
    static ClusterOptions fresh(String purpose) {
        int port = freePortRange(5);
        return ClusterOptions.loopback(purpose + "-" + UUID.randomUUID().toString().substring(0, 8))
                .withPorts(port, 5).withPingTimeout(scaled(1_000)).withParkDeadline(scaled(30_000));
    }

    static int freePortRange(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int start = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            if (allFree(start, count)) {
                return start;
            }
        }
        throw new IllegalStateException("no free range of " + count + " ports found");
    }

    private static boolean allFree(int start, int count) {
        for (int p = start; p < start + count; p++) {
            try (ServerSocket socket = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(false);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
