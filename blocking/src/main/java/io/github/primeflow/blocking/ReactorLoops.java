package io.github.primeflow.blocking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** One executor per thread of Reactor's {@code parallel()} and {@code single()}; only loaded with Reactor. */
final class ReactorLoops {

    private ReactorLoops() {
    }

    /**
     * {@code parallel()} hands its workers out round-robin, one per thread, so {@code DEFAULT_POOL_SIZE}
     * workers created in a row reach every thread (unless another thread creates workers at the same moment).
     */
    static List<EventLoops.Loop> loops() {
        List<EventLoops.Loop> loops = new ArrayList<>(
                EventLoops.numbered("reactor-parallel", workers(Schedulers.parallel(), Schedulers.DEFAULT_POOL_SIZE)));
        loops.add(new EventLoops.Loop("reactor-single", workers(Schedulers.single(), 1).get(0)));
        return loops;
    }

    /** {@code count} workers of {@code scheduler}, each an executor on the thread it was given. */
    private static List<Executor> workers(Scheduler scheduler, int count) {
        return EventLoops.repeat(count, () -> scheduler.createWorker()::schedule);
    }
}
