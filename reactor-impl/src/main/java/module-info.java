/**
 * primeflow's Reactor backend: {@link io.github.primeflow.reactor.ReactorPrimeChecker}, registered as the
 * {@code reactor} backend for {@link java.util.ServiceLoader}. Its Reactor-native surface
 * ({@link io.github.primeflow.reactor.ReactorChecks}) returns {@code Flux} and {@code Mono}, hence the
 * transitive dependency on Reactor (an automatic module).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.primeflow.reactor {
    requires transitive io.github.primeflow;
    requires io.github.primeflow.engine;
    requires transitive reactor.core;
    requires transitive org.reactivestreams;

    exports io.github.primeflow.reactor;

    provides io.github.primeflow.spi.PrimeCheckerProvider
            with io.github.primeflow.reactor.ReactorPrimeCheckerProvider;
}
