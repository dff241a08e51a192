package io.github.primeflow.blocking;

/**
 * Installs the policy the way every test class of this module expects it, whichever class runs first:
 * {@link Workloads#crunch(long)} marked before the install.
 */
final class TestPolicy {

    private TestPolicy() {
    }

    static void install() {
        BlockingPolicy.markCpuHeavy(Workloads.class, "crunch");
        BlockingPolicy.assertInstalled();
    }
}
