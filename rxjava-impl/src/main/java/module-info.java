/**
 * primeflow's RxJava 3 backend: {@link io.github.primeflow.rxjava.RxJavaPrimeChecker}, registered as the
 * {@code rxjava} {@link io.github.primeflow.spi.PrimeCheckerProvider}. Its RxJava-native surface
 * ({@link io.github.primeflow.rxjava.RxJavaChecks}) returns {@code Flowable} and {@code Single}, hence the
 * transitive dependency on RxJava; Reactive Streams (an automatic module) provides {@code FlowAdapters}.
 */
@SuppressWarnings("requires-automatic")
module io.github.primeflow.rxjava {
    requires transitive io.github.primeflow;
    requires io.github.primeflow.engine;
    requires transitive io.reactivex.rxjava3;
    requires org.reactivestreams;

    exports io.github.primeflow.rxjava;

    provides io.github.primeflow.spi.PrimeCheckerProvider
            with io.github.primeflow.rxjava.RxJavaPrimeCheckerProvider;
}
