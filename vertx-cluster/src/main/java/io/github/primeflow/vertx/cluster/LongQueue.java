package io.github.primeflow.vertx.cluster;

import java.util.NoSuchElementException;

/** A growable FIFO ring of primitive {@code long}s; not thread-safe (confined to one context). */
final class LongQueue {

    private long[] ring = new long[16];
    private int head;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(long value) {
        if (size == ring.length) {
            long[] bigger = new long[ring.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) & (ring.length - 1)] = value;
        size++;
    }

    long poll() {
        if (size == 0) {
            throw new NoSuchElementException("empty");
        }
        long value = ring[head];
        head = (head + 1) & (ring.length - 1);
        size--;
        return value;
    }

    void clear() {
        head = 0;
        size = 0;
    }
}
