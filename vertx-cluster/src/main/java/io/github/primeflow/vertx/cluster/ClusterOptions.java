package io.github.primeflow.vertx.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the cluster is and how patient the checker is: immutable, validated on construction.
 *
 * <p>The defaults ({@link #loopback(String)}) keep everything on {@code 127.0.0.1}: Hazelcast binds only the
 * given host (never the wildcard address), joins by TCP/IP to the listed members (multicast and auto-detection
 * off), and phones home never. To span machines, give every node its own reachable {@link #host()} and the same
 * {@link #clusterName()} and {@link #members()}.
 *
 * @param clusterName the Hazelcast cluster name; nodes with different names never meet (1–64 characters of
 *     {@code [A-Za-z0-9._-]})
 * @param host the address this node binds Hazelcast and the event bus to, and announces to the others
 * @param port the first Hazelcast port to try (1–65535)
 * @param portCount how many consecutive ports, from {@code port}, a node may take and the join probes (1–100)
 * @param members the hosts of the other nodes (each probed on every port of the range); never empty
 * @param parkDeadline how long work waits for a worker node when none is present before the stream fails
 * @param pingTimeout a node with work in flight that does not answer a ping within this is quarantined and
 *     its work is retried elsewhere
 */
public record ClusterOptions(String clusterName, String host, int port, int portCount, List<String> members,
        Duration parkDeadline, Duration pingTimeout) {

    /** The default first port: Hazelcast's. */
    public static final int DEFAULT_PORT = 5701;
    /** The default port range. */
    public static final int DEFAULT_PORT_COUNT = 5;
    /** The default {@link #parkDeadline()}: 30 s. */
    public static final Duration DEFAULT_PARK_DEADLINE = Duration.ofSeconds(30);
    /** The default {@link #pingTimeout()}: 2 s. */
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Validates every component.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a component is out of range (the message names it)
     */
    public ClusterOptions {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(host, "host");
        members = List.copyOf(Objects.requireNonNull(members, "members"));
        Objects.requireNonNull(parkDeadline, "parkDeadline");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        if (!clusterName.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("clusterName must be 1-64 characters of [A-Za-z0-9._-], got '"
                    + clusterName + "'");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        if (portCount < 1 || portCount > 100 || port + portCount - 1 > 65_535) {
            throw new IllegalArgumentException("portCount must be between 1 and 100 and stay below 65536, got "
                    + portCount);
        }
        if (members.isEmpty() || members.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("members must list at least one host and no blank one, got " + members);
        }
        if (parkDeadline.isNegative() || parkDeadline.isZero()) {
            throw new IllegalArgumentException("parkDeadline must be positive, got " + parkDeadline);
        }
        if (pingTimeout.toMillis() < 10) {
            throw new IllegalArgumentException("pingTimeout must be at least 10 ms, got " + pingTimeout);
        }
    }

    /**
     * Loopback-only options: host and single member {@code 127.0.0.1}, ports 5701–5705, the default deadlines.
     *
     * @param clusterName the cluster name
     * @return the options
     * @throws IllegalArgumentException if the name is invalid
     */
    public static ClusterOptions loopback(String clusterName) {
        return new ClusterOptions(clusterName, "127.0.0.1", DEFAULT_PORT, DEFAULT_PORT_COUNT, List.of("127.0.0.1"),
                DEFAULT_PARK_DEADLINE, DEFAULT_PING_TIMEOUT);
    }

    /**
     * The options the {@code vertx-cluster} provider uses, from system properties:
     * {@code primeflow.cluster.name} (default {@code primeflow}), {@code primeflow.cluster.host} (default
     * {@code 127.0.0.1}), {@code primeflow.cluster.port} (default 5701), {@code primeflow.cluster.members}
     * (comma-separated, default the host) and {@code primeflow.cluster.parkDeadlineMillis} (default 30000).
     *
     * @return the options
     * @throws IllegalArgumentException if a property is malformed (the message names it)
     */
    public static ClusterOptions fromSystemProperties() {
        String host = System.getProperty("primeflow.cluster.host", "127.0.0.1");
        String members = System.getProperty("primeflow.cluster.members", host);
        return new ClusterOptions(System.getProperty("primeflow.cluster.name", "primeflow"), host,
                intProperty("primeflow.cluster.port", DEFAULT_PORT), DEFAULT_PORT_COUNT,
                List.of(members.trim().split("\\s*,\\s*")),
                Duration.ofMillis(intProperty("primeflow.cluster.parkDeadlineMillis",
                        (int) DEFAULT_PARK_DEADLINE.toMillis())), DEFAULT_PING_TIMEOUT);
    }

    private static int intProperty(String name, int fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'", e);
        }
    }

    /**
     * These options on another port range.
     *
     * @param newPort the first port
     * @param newPortCount the number of ports
     * @return the changed options
     * @throws IllegalArgumentException if out of range
     */
    public ClusterOptions withPorts(int newPort, int newPortCount) {
        return new ClusterOptions(clusterName, host, newPort, newPortCount, members, parkDeadline, pingTimeout);
    }

    /**
     * These options with another host and member list (to span machines).
     *
     * @param newHost the address to bind and announce
     * @param newMembers the hosts of the other nodes
     * @return the changed options
     * @throws IllegalArgumentException if invalid
     */
    public ClusterOptions withHosts(String newHost, List<String> newMembers) {
        return new ClusterOptions(clusterName, newHost, port, portCount, newMembers, parkDeadline, pingTimeout);
    }

    /**
     * These options with another {@link #parkDeadline()}.
     *
     * @param deadline the new deadline
     * @return the changed options
     * @throws IllegalArgumentException if not positive
     */
    public ClusterOptions withParkDeadline(Duration deadline) {
        return new ClusterOptions(clusterName, host, port, portCount, members, deadline, pingTimeout);
    }

    /**
     * These options with another {@link #pingTimeout()}.
     *
     * @param timeout the new timeout
     * @return the changed options
     * @throws IllegalArgumentException if below 10 ms
     */
    public ClusterOptions withPingTimeout(Duration timeout) {
        return new ClusterOptions(clusterName, host, port, portCount, members, parkDeadline, timeout);
    }
}
