package io.github.primeflow.cli;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation of everything the user types; every failure is a one-line {@link UsageException}. */
final class Inputs {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    private Inputs() {
    }

    /**
     * Parses one number.
     *
     * @param text the text as typed
     * @param where where it came from, such as {@code argument 2} or {@code stdin line 7}
     */
    static long number(String text, String where) {
        // Fast path for what streams through `check -`: up to 18 digits, optionally signed, always fit a long.
        int length = text.length();
        if (length <= 18) {
            int i = length > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
            long value = 0;
            int first = i;
            for (; i < length; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
            }
            if (i == length && i > first) {
                return text.charAt(0) == '-' ? -value : value;
            }
        }
        if (text.isEmpty()) {
            throw new UsageException(where + ": empty line; expected one decimal integer per line");
        }
        if (!INTEGER.matcher(text).matches()) {
            throw new UsageException(where + ": '" + text + "' is not a number; expected a decimal integer"
                    + " such as 97 (no exponents, separators or decimals)");
        }
        BigInteger value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
        if (value.bitLength() > 63) {
            throw new UsageException(where + ": '" + text + "' is out of range; numbers must be between "
                    + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
        }
        return value.longValue();
    }

    static PrimalityTest algorithm(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "trial" -> PrimalityTest.trialDivision();
            case "miller-rabin" -> PrimalityTest.millerRabin();
            default -> throw new UsageException("--algorithm: '" + name
                    + "' is not an algorithm; expected trial or miller-rabin");
        };
    }

    static String algorithmLabel(String name) {
        return algorithm(name) == PrimalityTest.trialDivision() ? "trial division" : "Miller-Rabin";
    }

    static Ordering order(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "input" -> Ordering.INPUT_ORDER;
            case "completion" -> Ordering.COMPLETION_ORDER;
            default -> throw new UsageException("--order: '" + name
                    + "' is not an order; expected input or completion");
        };
    }

    /** The worker count: the option if given, else the core count. */
    static int workers(Integer workers) {
        return workers(workers, "--workers");
    }

    /** A thread or worker count given as {@code option}: the value if given, else the core count. */
    static int workers(Integer workers, String option) {
        if (workers == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        int max = option.equals("--threads") ? 4096 : CheckerOptions.MAX_PARALLELISM;
        if (workers < 1 || workers > max) {
            throw new UsageException(option + ": " + workers + " is not a worker count; expected 1 to " + max);
        }
        return workers;
    }

    static CheckerOptions options(String algorithm, Integer workers, Ordering ordering) {
        return CheckerOptions.builder()
                .primalityTest(algorithm(algorithm))
                .parallelism(workers(workers))
                .ordering(ordering)
                .build();
    }

    /** Creates a checker; an unknown or absent backend is bad input (the message lists the known ones). */
    static PrimeChecker checker(String backend, CheckerOptions options) {
        try {
            return PrimeCheckers.create(backend, options);
        } catch (IllegalStateException e) {
            throw new UsageException("--backend: " + e.getMessage());
        }
    }

    /** Checks that a backend name is present without creating a checker. */
    static String backend(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        if (!PrimeCheckers.available().contains(wanted)) {
            checker(wanted, CheckerOptions.defaults()).close(); // throws the API's message
        }
        return wanted;
    }
}
