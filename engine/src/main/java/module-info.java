/**
 * The prime-check pipeline that primeflow's backends share. Not public API: the package is exported only to
 * the backend modules, and may change in any release.
 */
module io.github.primeflow.engine {
    requires transitive io.github.primeflow;

    exports io.github.primeflow.engine to
            io.github.primeflow.reactor,
            io.github.primeflow.rxjava,
            io.github.primeflow.vertx,
            io.github.primeflow.vertx.cluster,
            io.github.primeflow.loom;
}
