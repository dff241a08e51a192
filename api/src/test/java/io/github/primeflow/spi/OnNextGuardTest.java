package io.github.primeflow.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnNextGuardTest {

    private final OnNextGuard guard = new OnNextGuard();
    /** A thread per call: the common pool may have a single worker, which a held onNext would occupy. */
    private final Executor threads = r -> new Thread(r, "on-next-guard-test").start();

    @Test
    void runsOnNextWhenNoOtherThreadIsInside() {
        List<Long> seen = new ArrayList<>();
        assertThat(guard.run(1L, seen::add)).isTrue();
        assertThat(guard.run((Long) null, seen::add)).isTrue();
        assertThat(seen).containsExactly(1L, null);
    }

    /** A synchronous upstream emitting again from inside a request made within onNext (§3.3). */
    @Test
    void letsTheSameThreadReEnter() {
        List<Long> seen = new ArrayList<>();
        boolean outer = guard.run(1L, n -> {
            seen.add(n);
            assertThat(guard.run(2L, seen::add)).as("re-entering on the same thread").isTrue();
        });
        assertThat(outer).isTrue();
        assertThat(seen).containsExactly(1L, 2L);
        assertThat(CompletableFuture.supplyAsync(() -> guard.run(3L, seen::add), threads).join())
                .as("another thread once the first has left entirely").isTrue();
    }

    @Test
    void refusesASecondThreadWhileTheFirstIsInside() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> guard.run(1L, n -> {
            inside.countDown();
            await(release);
        }), threads);
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ran = new AtomicInteger();
        assertThat(CompletableFuture.supplyAsync(() -> guard.run(2L, n -> ran.incrementAndGet()), threads).get(10,
                TimeUnit.SECONDS)).as("a second thread while the first is inside").isFalse();
        assertThat(ran).as("the refused onNext did not run").hasValue(0);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(guard.run(3L, n -> ran.incrementAndGet())).as("after the first left").isTrue();
        assertThat(ran).hasValue(1);
    }

    @Test
    void leavesTheGuardWhenOnNextThrows() throws Exception {
        assertThatThrownBy(() -> guard.run(1L, n -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(CompletableFuture.supplyAsync(() -> guard.run(2L, n -> { }), threads).get(10, TimeUnit.SECONDS))
                .as("another thread after the throw").isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
