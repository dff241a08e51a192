package io.github.primeflow.benchmarks.paired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole tool, a backend's JVM included, at its smallest size: the report comes back with every row. */
class PairedSpeedupTest {

    @Test
    void aRunWritesOneRowPerWorkFromTheBackendsOwnJvm(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub").resolve("paired.md");

        PairedSpeedup.main(new String[] {"--backends", "loom", "--warmup-rounds", "0", "--rounds", "2", "--out",
                out.toString()});

        assertThat(Files.readString(out)).contains("2 measured rounds of each work")
                .contains("| seed batch | loom | ", "| single 16-digit prime | loom | ")
                .contains("no verdict (too few full-core rounds)");
        assertThat(Files.readAllLines(dir.resolve("sub").resolve("paired-rounds.txt")))
                .hasSize(4).allMatch(line -> line.startsWith("loom round ") && Round.parse(line.substring(5)) != null);
    }

    @Test
    void aBackendThatCannotRunFailsTheRunWithItsName(@TempDir Path dir) {
        assertThatThrownBy(() -> PairedSpeedup.main(new String[] {"--backends", "no-such-backend", "--warmup-rounds",
                "0", "--rounds", "1", "--out", dir.resolve("paired.md").toString()}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-backend");
        assertThat(dir.resolve("paired.md")).doesNotExist();
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> PairedSpeedup.main(new String[] {"--rounds"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rounds needs a value");
        assertThatThrownBy(() -> PairedSpeedup.main(new String[] {"--rounds", "0"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PairedSpeedup.main(new String[] {"--speed", "1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--speed");
    }
}
