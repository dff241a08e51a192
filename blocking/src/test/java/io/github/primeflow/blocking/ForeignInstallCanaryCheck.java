package io.github.primeflow.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;

/**
 * BlockHound installed by someone else first (as {@code -javaagent} or {@code blockhound-junit-platform}
 * would) makes BlockHound ignore the policy; the canary must say so instead of letting tests pass. Needs a
 * JVM of its own: the POM runs it in a separate Surefire execution (the name keeps it out of the default
 * one).
 */
class ForeignInstallCanaryCheck {

    @Test
    void canaryFailsWhenBlockHoundWasInstalledByOthersFirst() {
        assertThat(BlockingPolicy.isInstalled()).as("this JVM must be fresh").isFalse();
        BlockHound.install();

        BlockingPolicy.install(); // silently ignored by BlockHound
        assertThatThrownBy(BlockingPolicy::assertInstalled)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("NOT reported")
                .hasMessageContaining("installed before primeflow's policy");
    }
}
