package io.github.primeflow.tck;

import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.spi.PrimeCheckerProvider.Capability;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/** Runs one rule against one backend: skips what the backend does not claim, then runs the body. */
final class TckRunner {

    private TckRunner() {
    }

    /** Runs a rule; a child JVM rebuilds the backend from the provider's class (no-argument constructor). */
    static void run(TckRule rule, PrimeCheckerProvider provider, Set<Capability> claimed, TckEnvironment env)
            throws Exception {
        run(rule, provider, BackendRecipe.ofProvider(provider), claimed, env);
    }

    static void run(TckRule rule, PrimeCheckerProvider provider, BackendRecipe recipe, Set<Capability> claimed,
            TckEnvironment env) throws Exception {
        run(rule, provider, recipe, claimed, env, thread -> false);
    }

    /** Runs a rule; {@code sharedThreads} are not counted as the checker's by the thread rules. */
    static void run(TckRule rule, PrimeCheckerProvider provider, BackendRecipe recipe, Set<Capability> claimed,
            TckEnvironment env, Predicate<Thread> sharedThreads) throws Exception {
        if (rule.requires != null && !claimed.contains(rule.requires)) {
            Assumptions.abort("skipped: backend '" + provider.name() + "' does not claim " + rule.requires
                    + ", which " + rule.number() + " needs");
        }
        try (RuleContext ctx = new RuleContext(provider, recipe, claimed, env, sharedThreads)) {
            rule.body.run(ctx);
        }
    }
}
