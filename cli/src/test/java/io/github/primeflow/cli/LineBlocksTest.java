package io.github.primeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LineBlocksTest {

    /** Lines that arrive in bursts: ready() is false after each line marked with a trailing '|'. */
    static final class Bursts extends BufferedReader {
        private boolean pause;

        Bursts(String text) {
            super(new StringReader(text));
        }

        @Override
        public String readLine() throws IOException {
            String line = super.readLine();
            pause = line != null && line.endsWith("|");
            return line == null ? null : line.replace("|", "");
        }

        @Override
        public boolean ready() throws IOException {
            return !pause && super.ready();
        }
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
        LineBlocks lines = new LineBlocks(new Bursts("1\n2\n3|\n4|\n 5 \n+6\n-7\n"), "stdin");

        assertThat(blocks(lines)).containsExactly(List.of(1L, 2L, 3L), List.of(4L), List.of(5L, 6L, -7L));
        assertThat(lines.next()).isNull();
    }

    @Test
    void aLongInputComesInBlocksOfAtMostTheMaximum() throws IOException {
        int count = 2 * LineBlocks.MAX_BLOCK + 5;
        String text = LongStream.range(0, count).mapToObj(Long::toString).collect(Collectors.joining("\n", "", "\n"));

        List<List<Long>> blocks = blocks(new LineBlocks(new BufferedReader(new StringReader(text)), "stdin"));

        assertThat(blocks).extracting(List::size).containsExactly(LineBlocks.MAX_BLOCK, LineBlocks.MAX_BLOCK, 5);
        assertThat(blocks.stream().flatMap(List::stream)).containsExactlyElementsOf(
                LongStream.range(0, count).boxed().toList());
    }

    @Test
    void aBadLineComesAfterEveryNumberBeforeIt() throws IOException {
        LineBlocks lines = new LineBlocks(new BufferedReader(new StringReader("1\n2\n1.5\n3\n")), "stdin");

        assertThat(lines.next()).containsExactly(1, 2);
        assertThatThrownBy(lines::next).isInstanceOf(UsageException.class)
                .hasMessage("stdin line 3: '1.5' is not a number; expected a decimal integer such as 97"
                        + " (no exponents, separators or decimals)");
        assertThatThrownBy(lines::next).isInstanceOf(UsageException.class);
    }

    @Test
    void emptyInputHasNoBlock() throws IOException {
        assertThat(new LineBlocks(new BufferedReader(new StringReader("")), "stdin").next()).isNull();
    }
}
