package io.github.primeflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrimeCheckersTest {

    private static final PrimeCheckerProvider SEQUENTIAL = named("sequential");
    private static final PrimeCheckerProvider REACTOR = named("reactor");
    private static final PrimeCheckerProvider LOOM = named("loom");

    @Test
    void theServiceLoaderFindsTheBuiltInSequentialBackend() {
        assertThat(PrimeCheckers.available()).containsExactly("sequential");
        try (PrimeChecker checker = PrimeCheckers.create()) {
            assertThat(checker.getClass().getSimpleName()).isEqualTo("SequentialPrimeChecker");
            assertThat(checker.checkAsync(97).join().prime()).isTrue();
        }
        try (PrimeChecker checker = PrimeCheckers.create("Sequential", CheckerOptions.defaults())) {
            assertThat(checker.checkAsync(91).join().prime()).isFalse();
        }
    }

    @Test
    void anAbsentPublishedBackendIsNamedWithItsArtifact() {
        assertThatThrownBy(() -> PrimeCheckers.create("vertx-cluster", CheckerOptions.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Add the dependency io.github.primeflow:primeflow-vertx-cluster.");
    }

    @Test
    void theSystemPropertyNamesTheBackend() {
        System.setProperty(PrimeCheckers.BACKEND_PROPERTY, "rxjava");
        try {
            assertThatThrownBy(PrimeCheckers::create).isInstanceOf(IllegalStateException.class)
                    .hasMessage("The primeflow backend 'rxjava' is not on the class path (present: [sequential])."
                            + " Add the dependency io.github.primeflow:primeflow-rxjava.");
        } finally {
            System.clearProperty(PrimeCheckers.BACKEND_PROPERTY);
        }
    }

    @Test
    void theOneRealBackendWinsOverSequential() {
        assertThat(PrimeCheckers.select(List.of(SEQUENTIAL, REACTOR), Optional.empty())).isSameAs(REACTOR);
        assertThat(PrimeCheckers.select(List.of(SEQUENTIAL), Optional.empty())).isSameAs(SEQUENTIAL);
        assertThat(PrimeCheckers.select(List.of(SEQUENTIAL, REACTOR, LOOM), Optional.of("loom"))).isSameAs(LOOM);
        assertThat(PrimeCheckers.select(List.of(SEQUENTIAL, REACTOR), Optional.of("sequential"))).isSameAs(SEQUENTIAL);
    }

    @Test
    void severalBackendsAndNoNameIsAnErrorThatListsThemAndSaysHowToChoose() {
        assertThatThrownBy(() -> PrimeCheckers.select(List.of(SEQUENTIAL, REACTOR, LOOM), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Several primeflow backends are on the class path: [loom, reactor]. Name one with"
                        + " PrimeCheckers.create(name, options), -Dprimeflow.backend=NAME or the environment"
                        + " variable PRIMEFLOW_BACKEND=NAME.");
    }

    @Test
    void anUnknownNameListsWhatIsPresentAndWhatIsPublished() {
        assertThatThrownBy(() -> PrimeCheckers.select(List.of(SEQUENTIAL), Optional.of("akka")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Unknown primeflow backend 'akka'. Present: [sequential]; published backends:"
                        + " [loom, reactor, rxjava, vertx, vertx-cluster].");
    }

    @Test
    void noBackendAtAllSaysWhichArtifactToAdd() {
        assertThatThrownBy(() -> PrimeCheckers.select(List.of(), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("No primeflow backend found. Add a backend dependency such as"
                        + " io.github.primeflow:primeflow-reactor");
    }

    @Test
    void twoProvidersWithOneNameAreReported() {
        PrimeCheckerProvider impostor = new PrimeCheckerProvider() {
            @Override
            public String name() {
                return "reactor";
            }

            @Override
            public PrimeChecker create(CheckerOptions options) {
                throw new AssertionError("not created in this test");
            }
        };
        assertThatThrownBy(() -> PrimeCheckers.select(List.of(REACTOR, impostor), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two primeflow backends are named 'reactor'");
    }

    @Test
    void providersClaimEveryCapabilityAndNoEventLoopByDefault() {
        assertThat(REACTOR.capabilities()).containsExactlyInAnyOrder(PrimeCheckerProvider.Capability.values());
        assertThat(REACTOR.eventLoopThreads().test(Thread.currentThread())).isFalse();
    }

    private static PrimeCheckerProvider named(String name) {
        return new NamedProvider(name);
    }

    private record NamedProvider(String name) implements PrimeCheckerProvider {
        @Override
        public PrimeChecker create(CheckerOptions options) {
            throw new AssertionError("not created in this test");
        }
    }
}
