package io.github.primeflow.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The no-code runner finds the backends on the class path (here: sequential) and runs every rule on each. */
class DiscoveredBackendsTckTest {

    @Test
    void runsEveryRuleForTheSequentialBackendFoundByTheServiceLoader() {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(DiscoveredBackendsTck.class))
                .build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getFailures()).as("failures").isEmpty();
        // One dynamic test per rule for the one backend on this class path; those that need
        // ASYNCHRONOUS or PARALLEL are skipped for the sequential reference.
        long needCapabilities = Arrays.stream(TckRule.values()).filter(rule -> rule.requires != null).count();
        assertThat(needCapabilities).isPositive();
        assertThat(summary.getTestsStartedCount()).isEqualTo(TckRule.values().length);
        assertThat(summary.getTestsAbortedCount()).isEqualTo(needCapabilities);
        assertThat(summary.getTestsSucceededCount()).isEqualTo(TckRule.values().length - needCapabilities);
    }
}
