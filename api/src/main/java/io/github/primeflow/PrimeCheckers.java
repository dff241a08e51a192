package io.github.primeflow;

import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds backends with {@link ServiceLoader} and creates checkers.
 *
 * <p>{@link #create()} picks the one backend artifact on the class or module path. The built-in
 * {@code sequential} reference is picked only when no other backend is present. To choose among several,
 * name one with the system property {@value #BACKEND_PROPERTY} or the environment variable
 * {@value #BACKEND_ENV} (the property wins), or call {@link #create(String, CheckerOptions)}. Every failure
 * is an {@link IllegalStateException} that says what is present and what to do.
 */
public final class PrimeCheckers {

    /** System property naming the backend {@link #create()} uses. */
    public static final String BACKEND_PROPERTY = "primeflow.backend";
    /** Environment variable naming the backend {@link #create()} uses, if the property is not set. */
    public static final String BACKEND_ENV = "PRIMEFLOW_BACKEND";
    /** The name of the built-in reference backend. */
    public static final String SEQUENTIAL = "sequential";

    /** The published backends and their artifacts, to tell a user which one to add. */
    private static final Map<String, String> PUBLISHED = Map.of(
            "reactor", "primeflow-reactor",
            "rxjava", "primeflow-rxjava",
            "vertx", "primeflow-vertx",
            "loom", "primeflow-loom",
            "vertx-cluster", "primeflow-vertx-cluster");

    private PrimeCheckers() {
    }

    /**
     * Creates a checker with default options on the backend chosen as the class documentation says.
     *
     * @return a new checker; close it when done
     * @throws IllegalStateException if several backends are present and none is named, or the named one
     *     is absent
     */
    public static PrimeChecker create() {
        return create(CheckerOptions.defaults());
    }

    /**
     * Creates a checker with the given options on the backend chosen as the class documentation says.
     *
     * @param options the options
     * @return a new checker; close it when done
     * @throws IllegalStateException if several backends are present and none is named, or the named one
     *     is absent
     */
    public static PrimeChecker create(CheckerOptions options) {
        Objects.requireNonNull(options, "options");
        return select(providers(), configuredName()).create(options);
    }

    /**
     * Creates a checker on the named backend.
     *
     * @param name a backend name, such as {@code reactor} or {@code sequential}
     * @param options the options
     * @return a new checker; close it when done
     * @throws IllegalStateException if no backend of that name is present (the message says which
     *     artifact to add, or lists the known names)
     */
    public static PrimeChecker create(String name, CheckerOptions options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        return select(providers(), Optional.of(name)).create(options);
    }

    /**
     * The names of the backends present, sorted.
     *
     * @return backend names, {@code sequential} included
     */
    public static List<String> available() {
        return List.copyOf(byName(providers()).keySet());
    }

    static PrimeCheckerProvider select(List<PrimeCheckerProvider> providers, Optional<String> name) {
        Map<String, PrimeCheckerProvider> present = byName(providers);
        if (name.isPresent()) {
            String wanted = name.get().trim().toLowerCase(java.util.Locale.ROOT);
            PrimeCheckerProvider provider = present.get(wanted);
            if (provider != null) {
                return provider;
            }
            if (PUBLISHED.containsKey(wanted)) {
                throw new IllegalStateException("The primeflow backend '" + wanted
                        + "' is not on the class path (present: " + present.keySet()
                        + "). Add the dependency io.github.primeflow:" + PUBLISHED.get(wanted) + ".");
            }
            throw new IllegalStateException("Unknown primeflow backend '" + name.get() + "'. Present: "
                    + present.keySet() + "; published backends: " + new TreeMap<>(PUBLISHED).keySet() + ".");
        }
        List<String> others = new ArrayList<>(present.keySet());
        others.remove(SEQUENTIAL);
        if (others.size() == 1) {
            return present.get(others.get(0));
        }
        if (others.size() > 1) {
            throw new IllegalStateException("Several primeflow backends are on the class path: " + others
                    + ". Name one with PrimeCheckers.create(name, options), -D" + BACKEND_PROPERTY
                    + "=NAME or the environment variable " + BACKEND_ENV + "=NAME.");
        }
        PrimeCheckerProvider sequential = present.get(SEQUENTIAL);
        if (sequential == null) {
            throw new IllegalStateException("No primeflow backend found. Add a backend dependency such as"
                    + " io.github.primeflow:primeflow-reactor (also: " + new TreeMap<>(PUBLISHED).values() + ").");
        }
        return sequential;
    }

    private static Map<String, PrimeCheckerProvider> byName(List<PrimeCheckerProvider> providers) {
        Map<String, PrimeCheckerProvider> present = new TreeMap<>();
        for (PrimeCheckerProvider provider : providers) {
            PrimeCheckerProvider clash = present.putIfAbsent(provider.name(), provider);
            if (clash != null && clash.getClass() != provider.getClass()) {
                throw new IllegalStateException("Two primeflow backends are named '" + provider.name() + "': "
                        + clash.getClass().getName() + " and " + provider.getClass().getName()
                        + ". Remove one of the artifacts.");
            }
        }
        return present;
    }

    private static List<PrimeCheckerProvider> providers() {
        List<PrimeCheckerProvider> providers = new ArrayList<>();
        ServiceLoader.load(PrimeCheckerProvider.class).forEach(providers::add);
        return providers;
    }

    private static Optional<String> configuredName() {
        String property = System.getProperty(BACKEND_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Optional.of(property);
        }
        String env = System.getenv(BACKEND_ENV);
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(env);
    }
}
