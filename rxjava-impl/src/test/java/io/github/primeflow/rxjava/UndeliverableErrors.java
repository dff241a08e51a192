package io.github.primeflow.rxjava;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records every error RxJava would route to {@code RxJavaPlugins.onError} (undeliverable errors) during one
 * test, and fails the test if there was any. Installed per test and removed afterwards: library code never
 * sets RxJava's global hooks.
 */
final class UndeliverableErrors implements BeforeEachCallback, AfterEachCallback {

    static final List<Throwable> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        SEEN.clear();
        RxJavaPlugins.setErrorHandler(SEEN::add);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RxJavaPlugins.setErrorHandler(null);
        assertThat(SEEN).as("errors routed to RxJavaPlugins.onError (undeliverable)").isEmpty();
    }
}
