package io.github.primeflow.tck;

import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * Runs every rule against every backend {@link ServiceLoader} finds on the test class path, without any code:
 * add {@code primeflow-tck} in test scope and let Surefire scan it
 * ({@code <dependenciesToScan>io.github.primeflow:primeflow-tck</dependenciesToScan>}) or select this class.
 * Each backend becomes a container of one test per rule; a summary line per backend follows the run.
 */
public class DiscoveredBackendsTck {

    private static final List<TckReport.Tally> TALLIES = new ArrayList<>();

    /** Created by JUnit. */
    public DiscoveredBackendsTck() {
    }

    /**
     * One container per discovered backend, one test per rule.
     *
     * @return the dynamic tests
     */
    @TestFactory
    public Stream<DynamicContainer> everyRuleForEveryDiscoveredBackend() {
        TckEnvironment env = TckEnvironment.fromSystem();
        List<PrimeCheckerProvider> providers = new ArrayList<>();
        ServiceLoader.load(PrimeCheckerProvider.class).forEach(providers::add);
        return providers.stream().map(provider -> {
            TckReport.Tally tally = new TckReport.Tally();
            tally.backend = provider.name();
            synchronized (TALLIES) {
                TALLIES.add(tally);
            }
            return DynamicContainer.dynamicContainer(provider.name(), Arrays.stream(TckRule.values())
                    .map(rule -> DynamicTest.dynamicTest(rule.displayName(), () -> {
                        try {
                            TckRunner.run(rule, provider, BackendRecipe.service(provider.name()),
                                    provider.capabilities(), env);
                            tally.passed.incrementAndGet();
                        } catch (TestAbortedException skipped) {
                            tally.skipped.add(rule.number() + ": " + skipped.getMessage());
                            throw skipped;
                        } catch (Throwable failure) {
                            tally.failed.incrementAndGet();
                            throw failure;
                        }
                    })));
        });
    }

    /** Prints one summary line per backend and fails when a backend passed no rule. */
    @AfterAll
    static void summarise() {
        synchronized (TALLIES) {
            for (TckReport.Tally tally : TALLIES) {
                System.out.println(tally.summary());
            }
            for (TckReport.Tally tally : TALLIES) {
                if (tally.passed.get() == 0 && tally.failed.get() == 0) {
                    throw new AssertionError("No primeflow TCK rule passed: " + tally.summary());
                }
            }
            TALLIES.clear();
        }
    }
}
