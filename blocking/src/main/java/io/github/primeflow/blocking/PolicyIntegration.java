package io.github.primeflow.blocking;

import java.util.List;
import java.util.function.Predicate;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * primeflow's BlockHound integration: the marks, the allowances for known false positives, the thread
 * classification and the one callback, which records instead of throwing. Applied last (highest priority)
 * so that its callback wins and its predicate wraps those of the integrations BlockHound loads itself
 * (Reactor's, Netty's).
 *
 * <p>Not registered in {@code META-INF/services}: {@link BlockingPolicy#install()} passes it to
 * {@code BlockHound.install(...)} explicitly (see the package notes for why).
 */
final class PolicyIntegration implements BlockHoundIntegration {

    private final MethodMarks marks;
    private final EventLoopRegistry loops;
    private final ViolationLog log;
    private final ThreadLocal<Verdict> verdicts = new ThreadLocal<>();
    private final ThreadLocal<Boolean> inCallback = new ThreadLocal<>();

    /** A thread's cached answer to "is it non-blocking?", valid while the registry keeps its version. */
    private static final class Verdict {
        final int version;
        final boolean nonBlocking;

        Verdict(int version, boolean nonBlocking) {
            this.version = version;
            this.nonBlocking = nonBlocking;
        }
    }

    PolicyIntegration(MethodMarks frozenMarks, EventLoopRegistry loops, ViolationLog log) {
        this.marks = frozenMarks;
        this.loops = loops;
        this.log = log;
    }

    @Override
    public int getPriority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void applyTo(BlockHound.Builder builder) {
        marks.applyTo(builder);
        // Known false positives (package notes): idle pool workers park in getTask, and a worker whose pool is
        // shutting down may park for the pool's lock in processWorkerExit as its thread ends; RxJava's scheduled
        // pools park in the delay queue; Vert.x hands work to its worker pool under a lock.
        builder.allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "getTask");
        builder.allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "processWorkerExit");
        // Handing a task to a pool from a loop takes the work queue's lock for nanoseconds; under contention
        // that shows as a park (measured: the kit's own loop handing work to a fixed pool).
        builder.allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "execute");
        builder.allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "take");
        builder.allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "offer");
        builder.allowBlockingCallsInside("io.vertx.core.impl.ExecuteBlocking", "executeBlocking");
        NioFileMethods.applyTo(builder);
        builder.nonBlockingThreadPredicate(this::nonBlocking);
        // Every policed thread is "dynamic": BlockHound then asks the predicate again at each check instead of
        // caching its first answer forever, so loops registered after a thread first blocked are still seen.
        builder.dynamicThreadPredicate(current -> current.or(t -> !ThreadKinds.isNeverPoliced(t)));
        builder.blockingMethodCallback(this::onBlockingMethod);
    }

    private Predicate<Thread> nonBlocking(Predicate<Thread> others) {
        return thread -> {
            if (thread != Thread.currentThread()) {
                return classify(thread, others);
            }
            int version = loops.version();
            Verdict verdict = verdicts.get();
            if (verdict == null || verdict.version != version) {
                verdict = new Verdict(version, classify(thread, others));
                verdicts.set(verdict);
            }
            return verdict.nonBlocking;
        };
    }

    private boolean classify(Thread thread, Predicate<Thread> others) {
        if (thread instanceof CanaryThread) {
            return true;
        }
        if (ThreadKinds.isNeverPoliced(thread)) {
            return false;
        }
        if (loops.anyContains(thread)) {
            return true;
        }
        if (ThreadKinds.permitsBlockingCalls(thread)) {
            return false; // a Vert.x worker, whatever Netty's integration says about FastThreadLocalThreads
        }
        return ThreadKinds.isRxJava3NonBlocking(thread) || others.test(thread);
    }

    /** Runs on the offending thread, inside the instrumented method: records, never throws, never blocks. */
    private void onBlockingMethod(BlockingMethod method) {
        if (inCallback.get() != null) {
            return;
        }
        inCallback.set(Boolean.TRUE);
        try {
            record(method);
        } finally {
            inCallback.remove();
        }
    }

    private void record(BlockingMethod method) {
        Thread thread = Thread.currentThread();
        boolean cpuMark = marks.contains(method.getClassName(), method.getName());
        if (thread instanceof CanaryThread) {
            ((CanaryThread) thread).report(cpuMark);
            return;
        }
        if (cpuMark && !loops.policesCpuOn(thread)) {
            return; // CPU work on a non-blocking CPU pool (Reactor parallel, RxJava computation) is fine
        }
        List<String> loopNames = loops.namesContaining(thread);
        if (!log.reserve()) {
            return;
        }
        log.add(new BlockingViolation(
                cpuMark ? BlockingViolation.Kind.CPU_ON_EVENT_LOOP : BlockingViolation.Kind.BLOCKING_CALL,
                thread.getName(), loopNames, method.toString(),
                StackTraces.belowBlockHound(new Throwable().getStackTrace())));
    }
}
