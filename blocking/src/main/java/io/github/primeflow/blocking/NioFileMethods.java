package io.github.primeflow.blocking;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

import reactor.blockhound.BlockHound;

/**
 * NIO file I/O, which BlockHound does not know: every read, write, transfer, force, truncate and lock of the
 * JDK's {@code FileChannel} implementation, which {@code Files.readAllBytes}, {@code Files.readString},
 * {@code Files.write}, {@code Files.newInputStream}/{@code newOutputStream}, {@code Files.lines} and
 * {@code FileChannel.open} all end in. The descriptors are read from the running JDK, so the marks follow its
 * version.
 */
final class NioFileMethods {

    static final String FILE_CHANNEL_IMPL = "sun.nio.ch.FileChannelImpl";
    static final List<String> METHODS = List.of("read", "write", "transferTo", "transferFrom", "force", "truncate",
            "lock");

    private NioFileMethods() {
    }

    static void applyTo(BlockHound.Builder builder) {
        Class<?> impl;
        try {
            impl = Class.forName(FILE_CHANNEL_IMPL, false, null);
        } catch (ClassNotFoundException e) {
            return; // not OpenJDK: nothing to mark
        }
        for (Method m : impl.getDeclaredMethods()) {
            if (METHODS.contains(m.getName()) && !Modifier.isAbstract(m.getModifiers()) && !m.isSynthetic()
                    && !m.isBridge()) {
                builder.markAsBlocking(FILE_CHANNEL_IMPL, m.getName(),
                        MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString());
            }
        }
    }
}
