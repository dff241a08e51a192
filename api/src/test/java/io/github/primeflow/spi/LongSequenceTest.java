package io.github.primeflow.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Both faces of a sequence, the publisher and the direct reads, give the same numbers. */
class LongSequenceTest {

    @Property
    void directReadsOfARangeMatchItsElements(@ForAll @LongRange(min = -1_000, max = 1_000) long first,
            @ForAll @IntRange(max = 300) int count, @ForAll @IntRange(max = 300) int index,
            @ForAll @IntRange(max = 300) int length) {
        LongSequence range = LongSequence.range(first, first + count);
        assertThat(range.size()).isEqualTo(count);
        long[] copy = new long[length + 1];
        if (index + length <= count) {
            range.copyTo(index, copy, 1, length);
            for (int i = 0; i < length; i++) {
                assertThat(copy[1 + i]).isEqualTo(first + index + i).isEqualTo(range.get(index + i));
            }
        } else {
            assertThatThrownBy(() -> range.copyTo(index, copy, 1, length))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void anArrayIsCopiedAndReadInOrder() {
        long[] values = {5, -3, 9, Long.MAX_VALUE};
        LongSequence sequence = LongSequence.of(values);
        values[0] = 42;
        long[] copy = new long[3];
        sequence.copyTo(1, copy, 0, 3);
        assertThat(copy).containsExactly(-3, 9, Long.MAX_VALUE);
        assertThat(sequence.get(0)).isEqualTo(5);
        assertThat(subscribeAndRequest(sequence, 2, 10)).containsExactly(5L, -3L, 9L, Long.MAX_VALUE);
    }

    @Test
    void thePublisherEmitsTheRangeWithinDemandAndCompletes() {
        Recorder recorder = new Recorder();
        LongSequence.range(Long.MAX_VALUE - 3, Long.MAX_VALUE).subscribe(recorder);
        recorder.subscription.request(2);
        assertThat(recorder.items).containsExactly(Long.MAX_VALUE - 3, Long.MAX_VALUE - 2);
        assertThat(recorder.completed).isFalse();
        recorder.subscription.request(5);
        assertThat(recorder.items).hasSize(3);
        assertThat(recorder.completed).isTrue();
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> LongSequence.range(3, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fromInclusive (3) must be <= toExclusive (2)");
        assertThatThrownBy(() -> LongSequence.range(-2, Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than Long.MAX_VALUE");
        assertThatThrownBy(() -> LongSequence.of((long[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LongSequence.range(0, 3).get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        Recorder recorder = new Recorder();
        LongSequence.range(0, 3).subscribe(recorder);
        recorder.subscription.request(0);
        assertThat(recorder.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
    }

    private static List<Long> subscribeAndRequest(LongSequence sequence, long... requests) {
        Recorder recorder = new Recorder();
        sequence.subscribe(recorder);
        for (long n : requests) {
            recorder.subscription.request(n);
        }
        assertThat(recorder.completed).isTrue();
        return recorder.items;
    }

    private static final class Recorder implements Flow.Subscriber<Long> {
        final List<Long> items = new ArrayList<>();
        Flow.Subscription subscription;
        boolean completed;
        Throwable error;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(Long item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }
}
