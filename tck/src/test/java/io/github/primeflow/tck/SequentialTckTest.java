package io.github.primeflow.tck;

import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.ServiceLoader;

/** The kit proves itself on the reference: the sequential backend passes every rule it claims. */
class SequentialTckTest extends PrimeCheckerTck {

    @Override
    protected PrimeCheckerProvider provider() {
        return ServiceLoader.load(PrimeCheckerProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(PrimeCheckers.SEQUENTIAL)).findFirst().orElseThrow();
    }
}
