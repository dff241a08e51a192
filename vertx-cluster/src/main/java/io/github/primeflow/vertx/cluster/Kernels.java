package io.github.primeflow.vertx.cluster;

import io.github.primeflow.MillerRabin;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.TrialDivision;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kernel names on the wire. The two built-in kernels travel by name and run on any worker node; any other
 * {@link PrimalityTest} (a lambda, a test probe) cannot cross a JVM boundary, so a checker registers it here
 * under a {@code local:} token and only worker nodes started in the same JVM ({@link #LOCAL_NODES}) run it.
 */
final class Kernels {

    static final String TRIAL_DIVISION = "trial-division";
    static final String MILLER_RABIN = "miller-rabin";
    private static final String LOCAL = "local:";

    private static final Map<String, PrimalityTest> REGISTERED = new ConcurrentHashMap<>();
    /** Ids of the worker nodes running in this JVM. */
    static final Set<String> LOCAL_NODES = ConcurrentHashMap.newKeySet();

    private Kernels() {
    }

    /** The wire name of a kernel, registering a custom one (release it with {@link #release}). */
    static String register(PrimalityTest test) {
        if (test instanceof TrialDivision && test == PrimalityTest.trialDivision()) {
            return TRIAL_DIVISION;
        }
        if (test instanceof MillerRabin && test == PrimalityTest.millerRabin()) {
            return MILLER_RABIN;
        }
        String token = LOCAL + UUID.randomUUID();
        REGISTERED.put(token, test);
        return token;
    }

    static boolean isLocal(String name) {
        return name.startsWith(LOCAL);
    }

    static void release(String name) {
        REGISTERED.remove(name);
    }

    /** The kernel for a wire name. */
    static PrimalityTest resolve(String name) {
        switch (name) {
            case TRIAL_DIVISION:
                return PrimalityTest.trialDivision();
            case MILLER_RABIN:
                return PrimalityTest.millerRabin();
            default:
                PrimalityTest local = REGISTERED.get(name);
                if (local == null) {
                    throw new Protocol.Malformed("unknown kernel '" + name + "': this node runs '" + TRIAL_DIVISION
                            + "', '" + MILLER_RABIN + "' and custom kernels of checkers in its own JVM only");
                }
                return local;
        }
    }
}
