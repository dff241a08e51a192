package io.github.primeflow.blocking;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import reactor.blockhound.BlockHound;

/**
 * The CPU-heavy methods BlockHound is told to treat as blocking: class name, method name and every JVM
 * descriptor of the concrete methods of that name the class declares. Mutable while the policy collects
 * marks (guarded by the policy's lock); {@link #frozen()} gives the immutable copy the callback reads.
 */
final class MethodMarks {

    private final Map<String, Map<String, Set<String>>> descriptors;

    MethodMarks() {
        this.descriptors = new LinkedHashMap<>();
    }

    private MethodMarks(Map<String, Map<String, Set<String>>> descriptors) {
        this.descriptors = descriptors;
    }

    /**
     * Marks every concrete method named {@code methodName} that {@code owner} declares.
     *
     * @return {@code false} if those methods were marked already
     * @throws IllegalArgumentException if {@code owner} declares no concrete method of that name
     */
    boolean add(Class<?> owner, String methodName) {
        Set<String> found = descriptorsOf(owner, methodName);
        return descriptors.computeIfAbsent(owner.getName(), k -> new LinkedHashMap<>())
                .computeIfAbsent(methodName, k -> new LinkedHashSet<>())
                .addAll(found);
    }

    /** Whether the named method is marked; allocation-free, so the BlockHound callback can call it. */
    boolean contains(String className, String methodName) {
        Map<String, Set<String>> methods = descriptors.get(className);
        return methods != null && methods.containsKey(methodName);
    }

    /** Passes every mark to BlockHound. */
    void applyTo(BlockHound.Builder builder) {
        descriptors.forEach((type, methods) -> methods.forEach(
                (method, signatures) -> signatures.forEach(s -> builder.markAsBlocking(type, method, s))));
    }

    /** An immutable copy, safe to read from any thread. */
    MethodMarks frozen() {
        Map<String, Map<String, Set<String>>> copy = new LinkedHashMap<>();
        descriptors.forEach((type, methods) -> {
            Map<String, Set<String>> methodsCopy = new LinkedHashMap<>();
            methods.forEach((method, signatures) -> methodsCopy.put(method, Set.copyOf(signatures)));
            copy.put(type, Map.copyOf(methodsCopy));
        });
        return new MethodMarks(Map.copyOf(copy));
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        descriptors.forEach((type, methods) -> methods.keySet().forEach(m -> names.add(type + "#" + m)));
        return names.toString();
    }

    /**
     * The JVM descriptors ({@code (J)Z}) of the concrete, non-synthetic methods named {@code methodName} that
     * {@code owner} declares.
     *
     * @throws IllegalArgumentException if there is none: BlockHound cannot see abstract methods, interface
     *     methods without a body, or a method through a subclass that only inherits it
     */
    static Set<String> descriptorsOf(Class<?> owner, String methodName) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(methodName, "methodName");
        Set<String> found = new LinkedHashSet<>();
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(methodName) && !Modifier.isAbstract(m.getModifiers())
                    && !m.isSynthetic() && !m.isBridge()) {
                found.add(MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString());
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(owner.getName() + " declares no concrete method named '" + methodName
                    + "'; BlockHound can only mark a method body, so mark the class that declares the implementation"
                    + " (not an interface, an abstract method or a subclass that inherits it)");
        }
        return found;
    }

    /**
     * Parses {@code "com.acme.Foo#compute, com.acme.Bar#hash"} (commas or any white space between entries)
     * into (class, method) pairs.
     *
     * @throws IllegalArgumentException if an entry is malformed or its class cannot be found
     */
    static List<Map.Entry<Class<?>, String>> parse(String spec, ClassLoader loader) {
        List<Map.Entry<Class<?>, String>> entries = new ArrayList<>();
        for (String raw : spec.split("[,\\s]+")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int hash = entry.indexOf('#');
            if (hash <= 0 || hash == entry.length() - 1) {
                throw new IllegalArgumentException("expected fully.qualified.Class#method, got '" + entry + "'");
            }
            String className = entry.substring(0, hash);
            try {
                entries.add(Map.entry(Class.forName(className, false, loader), entry.substring(hash + 1)));
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("class not found: " + className + " (in '" + entry + "')", e);
            }
        }
        return entries;
    }
}
