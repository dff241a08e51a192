package io.github.primeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LineBlocksTest {

    /**
     * Input that arrives in bursts, the text between two '|' marks: available() is 0 at the end of each burst, and
     * a read returns at most a few bytes of one burst, so lines and "\r\n" pairs are split across reads.
     */
    static final class Bursts extends InputStream {
        private final byte[][] bursts;
        private final int chunk;
        private int burst;
        private int offset;

        Bursts(String text, int chunk) {
            String[] parts = text.split("\\|", -1);
            bursts = new byte[parts.length][];
            for (int i = 0; i < parts.length; i++) {
                bursts[i] = parts[i].getBytes(StandardCharsets.UTF_8);
            }
            this.chunk = chunk;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (burst < bursts.length && offset == bursts[burst].length) {
                burst++; // the next burst has arrived: a reader that asks waits for it
                offset = 0;
            }
            if (burst == bursts.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), bursts[burst].length - offset);
            System.arraycopy(bursts[burst], offset, b, off, n);
            offset += n;
            return n;
        }

        @Override
        public int available() {
            return burst < bursts.length ? bursts[burst].length - offset : 0;
        }
    }

    private static LineBlocks lines(String text) {
        return new LineBlocks(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "stdin");
    }

    private static List<List<Long>> blocks(LineBlocks lines) throws IOException {
        List<List<Long>> blocks = new ArrayList<>();
        for (long[] block = lines.next(); block != null; block = lines.next()) {
            blocks.add(LongStream.of(block).boxed().toList());
        }
        return blocks;
    }

    @Test
    void aBlockEndsWhereTheInputWouldMakeTheReaderWait() throws IOException {
        LineBlocks lines = new LineBlocks(new Bursts("1\n2\n3\n|4\n|\u20035 \n+6\r\n-7\r|\n8", 3), "stdin");

        assertThat(blocks(lines)).containsExactly(List.of(1L, 2L, 3L), List.of(4L), List.of(5L, 6L, -7L),
                List.of(8L));
        assertThat(lines.next()).isNull();
    }

    @Test
    void aLongInputComesInBlocksOfAtMostTheMaximum() throws IOException {
        int count = 2 * LineBlocks.MAX_BLOCK + 5;
        String text = LongStream.range(0, count).mapToObj(Long::toString).collect(Collectors.joining("\n", "", "\n"));

        List<List<Long>> blocks = blocks(lines(text));

        assertThat(blocks).extracting(List::size).containsExactly(LineBlocks.MAX_BLOCK, LineBlocks.MAX_BLOCK, 5);
        assertThat(blocks.stream().flatMap(List::stream)).containsExactlyElementsOf(
                LongStream.range(0, count).boxed().toList());
    }

    @Test
    void aLineLongerThanTheBufferIsReadWhole() throws IOException {
        String padding = " ".repeat(200_000);

        assertThat(blocks(lines("1\n" + padding + "97" + padding + "\n3"))).containsExactly(List.of(1L, 97L, 3L));
    }

    @Test
    void aBadLineComesAfterEveryNumberBeforeIt() throws IOException {
        LineBlocks lines = lines("1\n2\n1.5\n3\n");

        assertThat(lines.next()).containsExactly(1, 2);
        assertThatThrownBy(lines::next).isInstanceOf(UsageException.class)
                .hasMessage("stdin line 3: '1.5' is not a number; expected a decimal integer such as 97"
                        + " (no exponents, separators or decimals)");
        assertThatThrownBy(lines::next).isInstanceOf(UsageException.class);
    }

    @Test
    void emptyInputHasNoBlock() throws IOException {
        assertThat(lines("").next()).isNull();
    }

    /**
     * The oracle: {@code BufferedReader.readLine()}, {@code strip()} and {@link Inputs#number}, which this class
     * replaces for speed. Random texts of digits, signs, blanks, line ends of every kind, a non-ASCII letter and
     * space, and numbers around the 18-digit fast path and the {@code long} range, read in random chunks.
     */
    @Test
    void everyTextGivesTheNumbersAndTheErrorOfReadLineAndInputsNumber() throws IOException {
        String[] pieces = {"0", "7", "42", "-", "+", " ", "\t", "\n", "\r", "\r\n", "\n\n", "x", "é", "\u2003",
            "999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "000000000000000000001", "18446744073709551616"};
        SplittableRandom random = new SplittableRandom(19);
        for (int round = 0; round < 3_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            List<Long> expected = new ArrayList<>();
            String expectedError = null;
            BufferedReader reader = new BufferedReader(new StringReader(text.toString()));
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                try {
                    expected.add(Inputs.number(line.strip(), "stdin line " + ++lineNumber));
                } catch (UsageException e) {
                    expectedError = e.getMessage();
                    break;
                }
            }

            LineBlocks lines = new LineBlocks(new Bursts(text.toString(), 1 + random.nextInt(4)), "stdin");
            List<Long> actual = new ArrayList<>();
            String actualError = null;
            try {
                for (long[] block = lines.next(); block != null; block = lines.next()) {
                    LongStream.of(block).forEach(actual::add);
                }
            } catch (UsageException e) {
                actualError = e.getMessage();
            }
            assertThat(actual).as("numbers of %s", text.toString().translateEscapes()).isEqualTo(expected);
            assertThat(actualError).as("error of %s", text).isEqualTo(expectedError);
        }
    }
}
