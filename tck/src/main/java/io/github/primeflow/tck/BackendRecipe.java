package io.github.primeflow.tck;

import io.github.primeflow.spi.PrimeCheckerProvider;
import java.lang.reflect.Constructor;
import java.util.ServiceLoader;

/**
 * How a child JVM rebuilds the backend under test (rule P6's heap probe runs in its own JVM): by
 * instantiating the {@link PrimeCheckerTck} subclass and asking its {@code provider()}, by loading the provider
 * of a name with {@link ServiceLoader}, or by the provider class's no-argument constructor.
 *
 * @param kind how to rebuild
 * @param value the class name or backend name
 */
record BackendRecipe(Kind kind, String value) {

    /** The three ways. */
    enum Kind {
        /** A {@link PrimeCheckerTck} subclass with a no-argument constructor (any visibility). */
        TCK_CLASS,
        /** The {@link PrimeCheckerProvider#name()} of a provider {@link ServiceLoader} finds. */
        SERVICE,
        /** A {@link PrimeCheckerProvider} class with a no-argument constructor (any visibility). */
        PROVIDER_CLASS
    }

    static BackendRecipe tckClass(Class<? extends PrimeCheckerTck> tck) {
        return new BackendRecipe(Kind.TCK_CLASS, tck.getName());
    }

    static BackendRecipe service(String name) {
        return new BackendRecipe(Kind.SERVICE, name);
    }

    /** The provider's class, if it has a no-argument constructor; otherwise {@code null} (not rebuildable). */
    static BackendRecipe ofProvider(PrimeCheckerProvider provider) {
        try {
            provider.getClass().getDeclaredConstructor();
            return new BackendRecipe(Kind.PROVIDER_CLASS, provider.getClass().getName());
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The class whose code source the child's class path must contain, or {@code null} for a service name. */
    String className() {
        return kind == Kind.SERVICE ? null : value;
    }

    /** Rebuilds the provider; runs in the child JVM, on the class path. */
    PrimeCheckerProvider rebuild() throws ReflectiveOperationException {
        switch (kind) {
            case TCK_CLASS -> {
                PrimeCheckerTck tck = (PrimeCheckerTck) newInstance(value);
                return tck.provider();
            }
            case PROVIDER_CLASS -> {
                return (PrimeCheckerProvider) newInstance(value);
            }
            case SERVICE -> {
                return ServiceLoader.load(PrimeCheckerProvider.class).stream().map(ServiceLoader.Provider::get)
                        .filter(p -> p.name().equals(value)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("ServiceLoader finds no backend named '"
                                + value + "' on the child's class path"));
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    private static Object newInstance(String className) throws ReflectiveOperationException {
        Constructor<?> constructor = Class.forName(className).getDeclaredConstructor();
        constructor.setAccessible(true); // test classes are often package-private; the child runs them unnamed
        return constructor.newInstance();
    }

    @Override
    public String toString() {
        return kind + ":" + value;
    }
}
