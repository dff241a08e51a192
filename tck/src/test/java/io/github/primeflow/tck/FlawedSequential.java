package io.github.primeflow.tck;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Flow;

/**
 * The sequential reference with one deliberate defect between it and the subscriber, for the kit's negative
 * controls: each flaw breaks one promise, and the rule guarding it must fail. The memory flaws have subclasses
 * with a no-argument constructor, from which rule P6's child JVM rebuilds them.
 */
class FlawedSequential implements PrimeCheckerProvider {

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
        WRONG_VERDICT_FOR_CARMICHAEL_NUMBERS,
        /**
         * Asks for every result at the first request(n) and buffers them until they are requested: honours
         * demand towards the subscriber, but holds a whole endless range in memory.
         */
        BUFFERS_EVERY_RESULT_AHEAD_OF_DEMAND,
        /** Remembers every prime it found, in a cache that never evicts: a slow leak (about 56 bytes a prime). */
        CACHES_EVERY_PRIME,
        /** request(n) never returns: the caller's thread hangs (for the kit's hang guard around a child JVM). */
        HANGS_IN_REQUEST
    }

    /** {@link Flaw#BUFFERS_EVERY_RESULT_AHEAD_OF_DEMAND}, rebuildable in a child JVM. */
    static final class BuffersEveryResult extends FlawedSequential {
        BuffersEveryResult() {
            super(Flaw.BUFFERS_EVERY_RESULT_AHEAD_OF_DEMAND);
        }
    }

    /** {@link Flaw#HANGS_IN_REQUEST}, rebuildable in a child JVM. */
    static final class HangsInRequest extends FlawedSequential {
        HangsInRequest() {
            super(Flaw.HANGS_IN_REQUEST);
        }
    }

    /** {@link Flaw#CACHES_EVERY_PRIME}, rebuildable in a child JVM. */
    static final class CachesEveryPrime extends FlawedSequential {
        CachesEveryPrime() {
            super(Flaw.CACHES_EVERY_PRIME);
        }
    }

    private static final long FLAWED_INDEX = 1000;

    private final Flaw flaw;
    private final Set<Long> primesSeen = new HashSet<>(); // CACHES_EVERY_PRIME; guarded by itself

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
        private final Queue<PrimeResult> buffered = new ArrayDeque<>(); // BUFFERS_EVERY_RESULT_AHEAD_OF_DEMAND
        private long demand;
        private boolean draining;

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
            if (flaw == Flaw.BUFFERS_EVERY_RESULT_AHEAD_OF_DEMAND) {
                buffered.add(r);
                drainBuffer();
                return;
            }
            if (flaw == Flaw.CACHES_EVERY_PRIME && r.prime()) {
                synchronized (primesSeen) {
                    primesSeen.add(r.number());
                }
            }
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
            if (flaw == Flaw.HANGS_IN_REQUEST) {
                try {
                    new java.util.concurrent.CountDownLatch(1).await(); // nobody counts down
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (flaw == Flaw.BUFFERS_EVERY_RESULT_AHEAD_OF_DEMAND && n > 0) {
                demand += n;
                if (!requestedAll) {
                    requestedAll = true;
                    upstream.request(Long.MAX_VALUE); // the sequential backend computes everything in here
                }
                drainBuffer();
                return;
            }
            if (flaw == Flaw.IGNORES_REQUEST && n > 0) {
                if (!requestedAll) {
                    requestedAll = true;
                    upstream.request(Long.MAX_VALUE);
                }
                return;
            }
            upstream.request(n);
        }

        private void drainBuffer() {
            if (draining) {
                return; // re-entered from the subscriber's request() inside onNext
            }
            draining = true;
            try {
                while (demand > 0 && !buffered.isEmpty()) {
                    demand--;
                    downstream.onNext(buffered.poll());
                }
            } finally {
                draining = false;
            }
        }

        @Override
        public void cancel() {
            if (flaw != Flaw.IGNORES_CANCEL) {
                upstream.cancel();
            }
        }
    }
}
