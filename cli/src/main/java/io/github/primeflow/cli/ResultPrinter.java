package io.github.primeflow.cli;

import io.github.primeflow.PrimeResult;
import java.io.Flushable;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints results in the seed's format ({@code f'{n:16}  {label} {elapsed:9.6f}s'}, as {@link #line}) at the speed
 * of the pipe: lines are formatted into a character buffer without {@code String.format}, and the buffer goes to
 * the writer in chunks. What is printed reaches the writer within {@value #FLUSH_MILLIS} ms (a daemon timer, so a
 * slow stream still shows every line soon), when a chunk fills, and on {@link #flush()} and {@link #close()}.
 *
 * <p>Thread-safe: {@link #print} may be called from any thread (results arrive one at a time from the backend's
 * delivering thread) while the timer and a shutdown hook flush.
 */
final class ResultPrinter implements Flushable, AutoCloseable {
    static final long FLUSH_MILLIS = 50;
    private static final int CHUNK = 32 * 1024;
    /** The longest line: a 20-character number and an elapsed time of up to 19 + 7 characters. */
    private static final int MAX_LINE = 64;

    private final PrintWriter out;
    private final char[] buffer = new char[CHUNK + MAX_LINE];
    private final ScheduledExecutorService timer;
    private int length;
    private boolean dirty;

    private ResultPrinter(PrintWriter out) {
        this.out = out;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "primeflow-flush");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A printer that flushes {@code out} at least every {@value #FLUSH_MILLIS} ms until closed. */
    static ResultPrinter to(PrintWriter out) {
        return new ResultPrinter(out);
    }

    /** Appends one line; the writer gets it with the next chunk or flush. */
    synchronized void print(PrimeResult r) {
        length = format(r.number(), r.prime(), r.elapsedNanos(), buffer, length);
        buffer[length++] = '\n';
        dirty = true;
        if (length >= CHUNK) {
            out.write(buffer, 0, length);
            length = 0;
        }
    }

    /** Hands every line printed so far to the writer and flushes it. */
    @Override
    public synchronized void flush() {
        if (length > 0) {
            out.write(buffer, 0, length);
            length = 0;
        }
        if (dirty) {
            out.flush();
            dirty = false;
        }
    }

    /** Stops the timer and flushes; idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
        flush();
    }

    /** One line in the seed's format, without the line break. */
    static String line(PrimeResult r) {
        char[] chars = new char[MAX_LINE];
        return new String(chars, 0, format(r.number(), r.prime(), r.elapsedNanos(), chars, 0));
    }

    /**
     * Writes {@code String.format(ROOT, "%16d  %s %9.6fs", n, prime ? "P" : " ", nanos / 1e9)} at {@code at}:
     * {@code %9.6f} rounds the decimal value half up, which for {@code nanos / 1e9} is {@code (nanos + 500) / 1000}
     * microseconds.
     *
     * @return the index after the last character written
     */
    static int format(long n, boolean prime, long nanos, char[] to, int at) {
        int i = padded(n, 16, to, at);
        to[i++] = ' ';
        to[i++] = ' ';
        to[i++] = prime ? 'P' : ' ';
        to[i++] = ' ';
        long micros = nanos / 1000 + (nanos % 1000 >= 500 ? 1 : 0);
        int seconds = digits(micros / 1_000_000);
        for (int pad = 9 - 7 - seconds; pad > 0; pad--) {
            to[i++] = ' ';
        }
        i = decimal(micros / 1_000_000, seconds, to, i);
        to[i++] = '.';
        i = decimal(micros % 1_000_000, 6, to, i);
        to[i++] = 's';
        return i;
    }

    /** {@code n} right-aligned in {@code width} characters (longer numbers overflow, as {@code %16d} does). */
    private static int padded(long n, int width, char[] to, int at) {
        if (n < 0) {
            // Long.MIN_VALUE has no positive counterpart; negative numbers are rare input: use the library.
            String text = Long.toString(n);
            int i = at;
            for (int pad = width - text.length(); pad > 0; pad--) {
                to[i++] = ' ';
            }
            text.getChars(0, text.length(), to, i);
            return i + text.length();
        }
        int count = digits(n);
        int i = at;
        for (int pad = width - count; pad > 0; pad--) {
            to[i++] = ' ';
        }
        return decimal(n, count, to, i);
    }

    /** Writes {@code value >= 0} as exactly {@code count} decimal digits (leading zeros). */
    private static int decimal(long value, int count, char[] to, int at) {
        long v = value;
        for (int i = at + count - 1; i >= at; i--) {
            to[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return at + count;
    }

    /** The number of decimal digits of {@code value >= 0} (1 for 0). */
    private static int digits(long value) {
        int count = 1;
        for (long v = value; v >= 10; v /= 10) {
            count++;
        }
        return count;
    }
}
