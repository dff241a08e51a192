package io.github.primeflow.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers received and not yet dispatched: one producer (the upstream's serial {@code onNext}), one consumer
 * (the drain loop), primitive values in linked chunks, so a number costs no allocation of its own.
 */
final class LongQueue {

    private static final int CHUNK = 256;

    private static final class Chunk {
        final long[] values = new long[CHUNK];
        Chunk next; // published to the consumer by the release of `produced`
    }

    /** Numbers offered so far: the producer's release, the consumer's acquire. */
    private final AtomicLong produced = new AtomicLong();
    private Chunk tail = new Chunk(); // producer only
    private int tailIndex;
    private Chunk head = tail; // consumer only
    private int headIndex;
    private long consumed;

    void offer(long value) {
        if (tailIndex == CHUNK) {
            Chunk chunk = new Chunk();
            tail.next = chunk;
            tail = chunk;
            tailIndex = 0;
        }
        tail.values[tailIndex++] = value;
        produced.lazySet(produced.get() + 1);
    }

    /** Numbers waiting; consumer only. */
    long size() {
        return produced.get() - consumed;
    }

    /** Adds the oldest waiting numbers to {@code into} until it holds {@code max}; consumer only. */
    void peek(List<Long> into, int max) {
        Chunk chunk = head;
        int index = headIndex;
        for (long left = size(); left > 0 && into.size() < max; left--) {
            if (index == CHUNK) {
                chunk = chunk.next;
                index = 0;
            }
            into.add(chunk.values[index++]);
        }
    }

    /** The oldest number; consumer only, and only when {@link #size()} was positive. */
    long poll() {
        if (headIndex == CHUNK) {
            head = head.next;
            headIndex = 0;
        }
        consumed++;
        return head.values[headIndex++];
    }
}
