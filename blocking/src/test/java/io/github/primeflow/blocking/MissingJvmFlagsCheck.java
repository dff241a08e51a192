package io.github.primeflow.blocking;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Without {@code -XX:+AllowRedefinitionToAddDeleteMethods} BlockHound cannot install: the detector must say
 * which flags are missing, every time it is asked, instead of letting tests pass. Needs a JVM started without
 * the flags: the POM runs it in a separate Surefire execution.
 */
class MissingJvmFlagsCheck {

    @Test
    void installFailsWithTheFlagsToAdd() {
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(BlockingPolicy::assertInstalled)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("BlockHound could not be installed")
                    .hasMessageContaining("-XX:+AllowRedefinitionToAddDeleteMethods")
                    .hasMessageContaining("Surefire argLine");
        }
    }
}
