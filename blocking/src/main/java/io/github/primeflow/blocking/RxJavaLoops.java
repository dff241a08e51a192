package io.github.primeflow.blocking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;

/** One executor per thread of RxJava 3's {@code computation()} and {@code single()}; only loaded with RxJava. */
final class RxJavaLoops {

    /** RxJava's own rule for the size of {@code computation()}. */
    private static final String COMPUTATION_THREADS = "rx3.computation-threads";

    private RxJavaLoops() {
    }

    /** {@code computation()} hands its workers out round-robin, one per thread, as Reactor's parallel() does. */
    static List<EventLoops.Loop> loops() {
        int cpus = Runtime.getRuntime().availableProcessors();
        int size = Integer.getInteger(COMPUTATION_THREADS, cpus);
        size = size > 0 && size <= cpus ? size : cpus;
        List<EventLoops.Loop> loops = new ArrayList<>(
                EventLoops.numbered("rxjava-computation", workers(Schedulers.computation(), size)));
        loops.add(new EventLoops.Loop("rxjava-single", workers(Schedulers.single(), 1).get(0)));
        return loops;
    }

    /** {@code count} workers of {@code scheduler}, each an executor on the thread it was given. */
    private static List<Executor> workers(Scheduler scheduler, int count) {
        return EventLoops.repeat(count, () -> scheduler.createWorker()::schedule);
    }
}
