package io.github.primeflow.vertx.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One clustered {@link Vertx} joined to the Hazelcast cluster described by {@link ClusterOptions}: the
 * loopback-safe configuration of {@code NOTES-cluster.md} (TCP/IP join, bound interface, phone-home off, tuned
 * heartbeat) and the membership queries the checker needs. Starting blocks the caller until the node joined.
 */
final class ClusterNode {

    private static final long JOIN_SECONDS = 60;
    private static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

    private final Vertx vertx;
    private final HazelcastClusterManager manager;

    private ClusterNode(Vertx vertx, HazelcastClusterManager manager) {
        this.vertx = vertx;
        this.manager = manager;
    }

    /** Joins the cluster; blocks until joined. Never call it on a Vert.x thread. */
    static ClusterNode join(ClusterOptions options) {
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(options));
        VertxOptions vertxOptions = new VertxOptions().setEventBusOptions(
                new EventBusOptions().setHost(options.host()).setPort(0).setClusterPublicHost(options.host()));
        try {
            Vertx vertx = Vertx.builder().with(vertxOptions).withClusterManager(manager).buildClustered()
                    .toCompletionStage().toCompletableFuture().get(JOIN_SECONDS, TimeUnit.SECONDS);
            return new ClusterNode(vertx, manager);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining cluster '" + options.clusterName() + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("could not join cluster '" + options.clusterName() + "' on "
                    + options.host() + ":" + options.port() + "-" + (options.port() + options.portCount() - 1) + ": "
                    + cause, cause);
        }
    }

    static Config hazelcastConfig(ClusterOptions options) {
        Config config = new Config();
        config.setClusterName(options.clusterName());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "2");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
        config.setProperty("hazelcast.logging.type", "jdk");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(options.port()).setPortCount(options.portCount()).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface(options.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        List<String> members = new ArrayList<>();
        for (String member : options.members()) {
            if (member.contains(":")) {
                members.add(member);
            } else {
                for (int p = options.port(); p < options.port() + options.portCount(); p++) {
                    members.add(member + ":" + p);
                }
            }
        }
        join.getTcpIpConfig().setEnabled(true).setMembers(members);
        // Vert.x's own structures, as in vertx-hazelcast's default-cluster.xml.
        config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
                .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
        config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
        return config;
    }

    Vertx vertx() {
        return vertx;
    }

    String nodeId() {
        return manager.getNodeId();
    }

    /** The Vert.x node ids of the current members; a local read, never blocks. */
    Set<String> members() {
        return manager.getHazelcastInstance().getCluster().getMembers().stream()
                .map(ClusterNode::vertxNodeId).collect(Collectors.toSet());
    }

    /** vertx-hazelcast gives each member a Vert.x node id, kept in a member attribute. */
    private static String vertxNodeId(Member member) {
        String id = member.getAttribute(NODE_ID_ATTRIBUTE);
        return id != null ? id : member.getUuid().toString();
    }

    /** Calls {@code onLeft} (on a Hazelcast event thread) with the id of every member that leaves. */
    UUID onMemberLeft(Consumer<String> onLeft) {
        return manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // workers announce themselves on the event bus once they serve
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                onLeft.accept(vertxNodeId(event.getMember()));
            }
        });
    }

    void removeListener(UUID registration) {
        try {
            manager.getHazelcastInstance().getCluster().removeMembershipListener(registration);
        } catch (RuntimeException e) {
            // the instance is already shutting down
        }
    }

    /** Leaves the cluster and closes Vert.x; blocks up to 30 s. Never call it on a Vert.x thread. */
    void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.getLogger(ClusterNode.class.getName()).log(System.Logger.Level.WARNING,
                    "vertx-cluster: closing the clustered Vert.x failed", e);
        }
    }
}
