package io.github.primeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LinePublisherTest {

    /** Counts the lines read, to see that reading follows demand. */
    static final class CountingReader extends BufferedReader {
        final AtomicInteger reads = new AtomicInteger();

        CountingReader(String text) {
            super(new StringReader(text));
        }

        @Override
        public String readLine() throws IOException {
            reads.incrementAndGet();
            return super.readLine();
        }
    }

    static final class Recorder implements Flow.Subscriber<Long> {
        final LinkedBlockingQueue<Long> items = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> end = new CompletableFuture<>();
        volatile Flow.Subscription subscription;

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
            end.complete(t);
        }

        @Override
        public void onComplete() {
            end.complete(null);
        }
    }

    @Test
    void readsOnlyAsManyLinesAsRequested() throws Exception {
        CountingReader reader = new CountingReader("1\n2\n3\n4\n5\n");
        Recorder recorder = new Recorder();
        new LinePublisher(reader, "stdin").subscribe(recorder);

        recorder.subscription.request(2);
        assertThat(recorder.items.poll(5, TimeUnit.SECONDS)).isEqualTo(1L);
        assertThat(recorder.items.poll(5, TimeUnit.SECONDS)).isEqualTo(2L);
        assertThat(reader.reads.get()).isEqualTo(2);
        assertThat(recorder.end).isNotDone();

        recorder.subscription.request(10);
        assertThat(recorder.end.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(recorder.items).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aBadLineEndsTheStreamWithAUsageError() throws Exception {
        Recorder recorder = new Recorder();
        new LinePublisher(new BufferedReader(new StringReader("1\n1.5\n")), "stdin").subscribe(recorder);

        recorder.subscription.request(5);

        assertThat(recorder.end.get(5, TimeUnit.SECONDS)).isInstanceOf(UsageException.class)
                .hasMessage("stdin line 2: '1.5' is not a number; expected a decimal integer such as 97"
                        + " (no exponents, separators or decimals)");
        assertThat(recorder.items).containsExactly(1L);
    }

    @Test
    void canBeReadOnlyOnce() throws Exception {
        LinePublisher publisher = new LinePublisher(new BufferedReader(new StringReader("1\n")), "stdin");
        publisher.subscribe(new Recorder());
        Recorder second = new Recorder();

        publisher.subscribe(second);

        assertThat(second.end.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
    }
}
