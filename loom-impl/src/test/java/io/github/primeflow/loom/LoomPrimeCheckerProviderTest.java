package io.github.primeflow.loom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.spi.PrimeCheckerProvider.Capability;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoomPrimeCheckerProviderTest {

    @Test
    void serviceLoaderFindsLoom() {
        // PrimeCheckers (module io.github.primeflow, which declares `uses`) runs the ServiceLoader.
        assertThat(PrimeCheckers.available()).contains("loom", "sequential");
    }

    @Test
    void primeCheckersCreatesALoomCheckerByNameAndAsTheOnlyBackend() throws Exception {
        CheckerOptions options = CheckerOptions.builder().parallelism(2).build();
        try (PrimeChecker named = PrimeCheckers.create("loom", options);
                PrimeChecker only = PrimeCheckers.create(options)) {
            assertThat(named).isInstanceOf(LoomPrimeChecker.class);
            assertThat(only).isInstanceOf(LoomPrimeChecker.class);
            assertThat(named.checkAsync(97).get().prime()).isTrue();
        }
    }

    @Test
    void claimsEveryCapabilityAndHasNoEventLoops() {
        LoomPrimeCheckerProvider provider = new LoomPrimeCheckerProvider();
        assertThat(provider.name()).isEqualTo("loom");
        assertThat(provider.capabilities()).containsExactlyInAnyOrder(Capability.values());
        assertThat(provider.eventLoopThreads().test(Thread.currentThread())).isFalse();
    }

    @Test
    void registeredForTheClassPathAndTheModulePath() throws IOException {
        try (InputStream in = LoomPrimeCheckerProvider.class.getModule()
                .getResourceAsStream("META-INF/services/io.github.primeflow.spi.PrimeCheckerProvider")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo(LoomPrimeCheckerProvider.class.getName());
        }
        Module module = LoomPrimeCheckerProvider.class.getModule();
        if (module.isNamed()) {
            assertThat(module.getDescriptor().provides()).anySatisfy(p -> {
                assertThat(p.service()).isEqualTo(PrimeCheckerProvider.class.getName());
                assertThat(p.providers()).containsExactly(LoomPrimeCheckerProvider.class.getName());
            });
            assertThat(module.getDescriptor().exports()).singleElement()
                    .satisfies(e -> assertThat(e.source()).isEqualTo("io.github.primeflow.loom"));
        }
    }
}
