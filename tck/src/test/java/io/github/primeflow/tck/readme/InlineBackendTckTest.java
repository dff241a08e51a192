package io.github.primeflow.tck.readme;

import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.tck.PrimeCheckerTck;

/**
 * The README's "Use it on a new backend" and "How to write a new backend": the complete small backend it shows,
 * run through every rule of the kit (the rules it does not claim are skipped, with the reason, in the report
 * line).
 */
// snippet:kit
// Every pipeline rule, one JUnit 5 test each (p1_..., p2_..., ...).
class InlineBackendTckTest extends PrimeCheckerTck {
    @Override
    protected PrimeCheckerProvider provider() {
        return new InlinePrimeCheckerProvider();
    }
}
// end:kit
