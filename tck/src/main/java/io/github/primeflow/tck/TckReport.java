package io.github.primeflow.tck;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Counts the rules of one {@link PrimeCheckerTck} class and prints one summary line per backend; fails the
 * class when no rule passed, so an empty or fully skipped run cannot look green.
 */
final class TckReport implements TestWatcher, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TckReport.class);

    /** The outcome counts of one test class. */
    static final class Tally {
        final AtomicInteger passed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final List<String> skipped = new CopyOnWriteArrayList<>();
        volatile String backend = "?";

        int ran() {
            return passed.get() + failed.get();
        }

        String summary() {
            return String.format("primeflow TCK, backend '%s': %d rules ran, %d passed, %d failed, %d skipped%s",
                    backend, ran(), passed.get(), failed.get(), skipped.size(),
                    skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")");
        }
    }

    private static Tally tally(ExtensionContext context) {
        ExtensionContext classContext = context.getParent().filter(p -> p.getTestMethod().isEmpty()
                && p.getTestClass().isPresent()).orElse(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Tally.class, k -> new Tally(), Tally.class);
    }

    private static void noteBackend(ExtensionContext context, Tally tally) {
        context.getTestInstance().filter(PrimeCheckerTck.class::isInstance).map(PrimeCheckerTck.class::cast)
                .ifPresent(tck -> tally.backend = tck.provider().name());
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        Tally tally = tally(context);
        noteBackend(context, tally);
        tally.passed.incrementAndGet();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Tally tally = tally(context);
        noteBackend(context, tally);
        tally.failed.incrementAndGet();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        Tally tally = tally(context);
        noteBackend(context, tally);
        tally.skipped.add(context.getRequiredTestMethod().getName() + ": "
                + Optional.ofNullable(cause.getMessage()).orElse("aborted"));
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        tally(context).skipped.add(context.getDisplayName() + ": disabled " + reason.orElse(""));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Tally tally = tally(context);
        System.out.println(tally.summary());
        context.publishReportEntry("primeflow-tck", tally.summary());
        if (tally.passed.get() == 0 && tally.failed.get() == 0) {
            throw new AssertionError("No primeflow TCK rule passed: " + tally.summary());
        }
    }
}
