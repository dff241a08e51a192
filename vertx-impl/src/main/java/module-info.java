/**
 * primeflow's Vert.x 5 backend: {@link io.github.primeflow.vertx.VertxPrimeChecker}, its provider (backend name
 * {@code vertx}) and the event-bus service {@link io.github.primeflow.vertx.PrimeCheckVerticle}.
 */
module io.github.primeflow.vertx {
    requires transitive io.github.primeflow;
    requires io.github.primeflow.engine;
    requires transitive io.vertx.core;

    exports io.github.primeflow.vertx;

    provides io.github.primeflow.spi.PrimeCheckerProvider
            with io.github.primeflow.vertx.VertxPrimeCheckerProvider;
}
