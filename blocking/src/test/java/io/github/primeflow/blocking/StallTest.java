package io.github.primeflow.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class StallTest {

    @Test
    void loopWaitingForWorkIsIdleLoopRunningCodeIsNot() {
        assertThat(stall(frame("sun.nio.ch.EPoll", "wait"), frame("sun.nio.ch.SelectorImpl", "lockAndDoSelect"))
                .loopIdle()).isTrue();
        assertThat(stall(frame("jdk.internal.misc.Unsafe", "park"),
                frame("java.util.concurrent.ThreadPoolExecutor", "getTask")).loopIdle()).isTrue();
        assertThat(stall(frame(Workloads.class.getName(), "spin"),
                frame("java.util.concurrent.ThreadPoolExecutor", "runWorker")).loopIdle()).isFalse();
        assertThat(stall().loopIdle()).as("no stack").isFalse();
    }

    private static Stall stall(StackTraceElement... stack) {
        return new Stall("loop", "loop-1", Duration.ofMillis(200), false, List.of(stack));
    }

    private static StackTraceElement frame(String type, String method) {
        return new StackTraceElement(type, method, null, -1);
    }
}
