package io.github.primeflow.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Arrays;

/**
 * Numbers read from a reader, one per line, in blocks: a block holds the lines that can be read without waiting,
 * up to {@value #MAX_BLOCK}. A pipe is thus read in large blocks, which {@code check(long...)} hands to the
 * backends directly (no element signal per number crosses threads), while a person typing at a terminal has each
 * line checked as soon as it is entered. Memory: one block, however long the input. Not thread-safe.
 */
final class LineBlocks {
    static final int MAX_BLOCK = 1 << 16;

    private final BufferedReader reader;
    private final String source;
    private final long[] block = new long[MAX_BLOCK];
    private long lineNumber;
    private UsageException badLine;
    private boolean end;

    LineBlocks(BufferedReader reader, String source) {
        this.reader = reader;
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
        while (!end && badLine == null && count < MAX_BLOCK && (count == 0 || reader.ready())) {
            String line = reader.readLine();
            if (line == null) {
                end = true;
                break;
            }
            lineNumber++;
            try {
                block[count] = Inputs.number(line.strip(), source + " line " + lineNumber);
                count++;
            } catch (UsageException e) {
                badLine = e;
            }
        }
        if (count > 0) {
            return Arrays.copyOf(block, count);
        }
        if (badLine != null) {
            throw badLine;
        }
        return null;
    }
}
