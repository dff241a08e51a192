package io.github.primeflow.tck;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Flow;

/**
 * The sequential reference with one deliberate defect between it and the subscriber, for the kit's negative
 * controls: each flaw breaks one promise, and the rule guarding it must fail.
 */
final class FlawedSequential implements PrimeCheckerProvider {

    /** One deliberate defect. */
    enum Flaw {
        /** Claims to be asynchronous but computes inside request(), on the caller's thread. */
        COMPUTES_ON_THE_CALLERS_THREAD,
        /** Loses the 1000th result. */
        DROPS_A_RESULT,
        /** Emits the 1000th result twice. */
        DUPLICATES_A_RESULT,
        /** Asks for everything at the first request(n). */
        IGNORES_REQUEST,
        /** cancel() does nothing. */
        IGNORES_CANCEL,
        /** Turns an upstream error into onComplete. */
        SWALLOWS_UPSTREAM_ERROR,
        /** Uses a Fermat test, which Carmichael numbers fool. */
        WRONG_VERDICT_FOR_CARMICHAEL_NUMBERS
    }

    private static final long FLAWED_INDEX = 1000;

    private final Flaw flaw;

    FlawedSequential(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public String name() {
        return "sequential-" + flaw.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Set<Capability> capabilities() {
        return flaw == Flaw.COMPUTES_ON_THE_CALLERS_THREAD ? EnumSet.of(Capability.ASYNCHRONOUS)
                : EnumSet.noneOf(Capability.class);
    }

    @Override
    public PrimeChecker create(CheckerOptions options) {
        CheckerOptions used = flaw == Flaw.WRONG_VERDICT_FOR_CARMICHAEL_NUMBERS
                ? options.toBuilder().primalityTest(FlawedSequential::fermat).build() : options;
        PrimeChecker inner = PrimeCheckers.create(PrimeCheckers.SEQUENTIAL, used);
        return new PrimeChecker() {
            @Override
            public Flow.Publisher<PrimeResult> check(Flow.Publisher<Long> numbers) {
                Flow.Publisher<PrimeResult> results = inner.check(numbers);
                return subscriber -> results.subscribe(new Relay(subscriber));
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    /** Fermat's test to base 2: right for most numbers, wrong for 561, 1105, 1729, ... */
    private static boolean fermat(long n) {
        if (n < 2) {
            return false;
        }
        if (n == 2) {
            return true;
        }
        BigInteger big = BigInteger.valueOf(n);
        return BigInteger.TWO.modPow(big.subtract(BigInteger.ONE), big).equals(BigInteger.ONE)
                || PrimalityTest.millerRabin().isPrime(n);
    }

    @Override
    public String toString() {
        return name();
    }

    private final class Relay implements Flow.Subscriber<PrimeResult>, Flow.Subscription {
        private final Flow.Subscriber<? super PrimeResult> downstream;
        private Flow.Subscription upstream;
        private long index;
        private boolean requestedAll;

        Relay(Flow.Subscriber<? super PrimeResult> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            upstream = s;
            downstream.onSubscribe(this);
        }

        @Override
        public void onNext(PrimeResult r) {
            long i = ++index;
            if (flaw == Flaw.DROPS_A_RESULT && i == FLAWED_INDEX) {
                upstream.request(1); // keep the demand balanced so the loss is silent
                return;
            }
            downstream.onNext(r);
            if (flaw == Flaw.DUPLICATES_A_RESULT && i == FLAWED_INDEX) {
                downstream.onNext(r);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (flaw == Flaw.SWALLOWS_UPSTREAM_ERROR) {
                downstream.onComplete();
            } else {
                downstream.onError(t);
            }
        }

        @Override
        public void onComplete() {
            downstream.onComplete();
        }

        @Override
        public void request(long n) {
            if (flaw == Flaw.IGNORES_REQUEST && n > 0) {
                if (!requestedAll) {
                    requestedAll = true;
                    upstream.request(Long.MAX_VALUE);
                }
                return;
            }
            upstream.request(n);
        }

        @Override
        public void cancel() {
            if (flaw != Flaw.IGNORES_CANCEL) {
                upstream.cancel();
            }
        }
    }
}
