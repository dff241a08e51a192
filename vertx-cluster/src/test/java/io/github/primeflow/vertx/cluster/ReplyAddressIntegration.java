package io.github.primeflow.vertx.cluster;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The one blocking call BlockHound reports in the cluster backend is not ours: Vert.x's clustered event bus
 * names the reply address of every {@code request} with {@code UUID.randomUUID()}, whose {@code SecureRandom}
 * reads {@code /dev/urandom} (a read that never waits on Linux). This allows exactly that method and nothing
 * else; every other blocking call on an event loop, and every kernel call there, is still reported.
 */
public final class ReplyAddressIntegration implements BlockHoundIntegration {

    /** Loaded by {@link java.util.ServiceLoader} when BlockHound installs. */
    public ReplyAddressIntegration() {
    }

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.vertx.core.eventbus.impl.clustered.ClusteredEventBus",
                "generateReplyAddress");
    }
}
