package io.github.primeflow.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The drain slots of {@link SchedulerLanes}: a worker of their own each, disposed by {@code close()}. */
class SchedulerLanesTest {

    @Test
    void eachDrainSlotRunsOnItsOwnThreadOfAParallelSchedulerUntilClosed() throws Exception {
        Scheduler parallel = Schedulers.newParallel("slots", 2, true);
        try {
            SchedulerLanes lanes = new SchedulerLanes(parallel, 2);
            List<Set<Thread>> threads = List.of(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
            for (int round = 0; round < 20; round++) {
                CountDownLatch ran = new CountDownLatch(2);
                for (int slot = 0; slot < 2; slot++) {
                    Set<Thread> slotThreads = threads.get(slot);
                    lanes.drainSlot(slot).execute(() -> {
                        slotThreads.add(Thread.currentThread());
                        ran.countDown();
                    });
                    parallel.schedule(() -> { }); // moves the scheduler's round robin between the slots
                }
                assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(threads.get(0)).as("slot 0, whatever else was scheduled").hasSize(1);
            assertThat(threads.get(1)).as("slot 1, whatever else was scheduled").hasSize(1)
                    .doesNotContainAnyElementsOf(threads.get(0));

            lanes.close();
            assertThatThrownBy(() -> lanes.drainSlot(0).execute(() -> { }))
                    .isInstanceOf(RejectedExecutionException.class);
            assertThatThrownBy(() -> lanes.drainSlot(1).execute(() -> { }))
                    .isInstanceOf(RejectedExecutionException.class);
        } finally {
            parallel.dispose();
        }
    }
}
