package io.github.primeflow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Numbers read from a UTF-8 stream, one per line, in blocks: a block holds the lines that can be read without
 * waiting, up to {@value #MAX_BLOCK}. A pipe is thus read in large blocks, which {@code check(long...)} hands to
 * the backends directly (no element signal per number crosses threads), while a person typing at a terminal has
 * each line checked as soon as it is entered. Lines end as {@link java.io.BufferedReader#readLine()} ends them
 * ({@code \n}, {@code \r} or {@code \r\n}). A plain number of up to 18 digits is parsed from the bytes; any other
 * line is decoded and parsed as {@link Inputs#number} parses text, so the result and every error message are the
 * same as for the decoded line. Memory: one block and one buffer (as long as the longest line), however long the
 * input. Not thread-safe.
 */
final class LineBlocks {
    static final int MAX_BLOCK = 1 << 16;

    private final InputStream in;
    private final String source;
    private final long[] block = new long[MAX_BLOCK];
    private byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    /** The last line ended with {@code \r}: a {@code \n} right after it belongs to that line end. */
    private boolean skipLineFeed;
    private long lineNumber;
    private UsageException badLine;
    private boolean end;

    LineBlocks(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /**
     * The next block of numbers.
     *
     * @return at least one number, or null at the end of the input
     * @throws UsageException for a malformed line, once every line before it was returned
     * @throws IOException if reading fails
     */
    long[] next() throws IOException {
        int count = 0;
        while (!end && badLine == null && count < MAX_BLOCK && (count == 0 || ready())) {
            int lineEnd = findLineEnd();
            if (lineEnd < 0) {
                end = true;
                break;
            }
            lineNumber++;
            try {
                block[count] = number(position, lineEnd);
                count++;
            } catch (UsageException e) {
                badLine = e;
            }
            position = lineEnd + 1;
            skipLineFeed = buffer[lineEnd] == '\r';
        }
        if (count > 0) {
            return Arrays.copyOf(block, count);
        }
        if (badLine != null) {
            throw badLine;
        }
        return null;
    }

    /** Whether a line can be read without waiting for input, as {@link java.io.BufferedReader#ready()} says. */
    private boolean ready() throws IOException {
        skipPendingLineFeed();
        return position < limit || in.available() > 0;
    }

    private void skipPendingLineFeed() {
        if (skipLineFeed && position < limit) {
            skipLineFeed = false;
            if (buffer[position] == '\n') {
                position++;
            }
        }
    }

    /**
     * The index of the next line's terminator in the buffer, reading as much as that needs (the line then starts at
     * {@code position}); at the end of the input a last line without terminator gets one appended. -1 when no line
     * is left.
     */
    private int findLineEnd() throws IOException {
        int scanned = 0; // bytes from position on known to hold no line terminator
        for (;;) {
            skipPendingLineFeed();
            for (int i = position + scanned; i < limit; i++) {
                byte b = buffer[i];
                if (b == '\n' || b == '\r') {
                    return i;
                }
            }
            scanned = limit - position;
            if (!fill()) {
                if (position == limit) {
                    return -1;
                }
                buffer[limit] = '\n'; // fill() keeps a free byte at the end
                return limit++;
            }
        }
    }

    /** Moves the unread bytes to the front, grows the buffer if a line fills it, and reads; false at the end. */
    private boolean fill() throws IOException {
        int unread = limit - position;
        if (unread >= buffer.length - 1) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        System.arraycopy(buffer, position, buffer, 0, unread);
        position = 0;
        limit = unread;
        int read = in.read(buffer, limit, buffer.length - 1 - limit);
        if (read < 0) {
            return false;
        }
        limit += read;
        return true;
    }

    private long number(int from, int to) {
        // Fast path, as in Inputs.number: an optional sign and up to 18 digits always fit a long.
        int i = from < to && (buffer[from] == '+' || buffer[from] == '-') ? from + 1 : from;
        if (i < to && to - i <= 18) {
            long value = 0;
            for (; i < to; i++) {
                int digit = buffer[i] - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                value = value * 10 + digit;
            }
            if (i == to) {
                return buffer[from] == '-' ? -value : value;
            }
        }
        String line = new String(buffer, from, to - from, StandardCharsets.UTF_8);
        return Inputs.number(line.strip(), source + " line " + lineNumber);
    }
}
