package io.github.primeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpinnerAndHelpTest {

    @Test
    void theLoopKeepsTickingWhenTheBackendRunsTheCheck() {
        Cli.Result r = Cli.run("spinner", "--number", "9223372036854775783"); // reactor is the default backend

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines().get(0)).startsWith("9223372036854775783 is prime: checked through the reactor backend");
        assertThat(r.outLines().get(1)).contains("the spinner kept turning");
    }

    @Test
    void theLoopFreezesWhenTheCheckRunsOnIt() {
        Cli.Result r = Cli.run("spinner", "--backend", "reactor", "--block-the-loop", "--number",
                "9223372036854775783");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines().get(0)).contains("on the event loop (--block-the-loop)");
        assertThat(r.outLines().get(1)).contains("the spinner froze");
    }

    @ParameterizedTest
    @ValueSource(strings = {"compare", "check", "spinner"})
    void everyCommandHasHelp(String command) {
        Cli.Result r = Cli.run(command, "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: primeflow " + command, "--help", "--version");
    }

    @Test
    void versionNamesTheProjectVersionAndTheBackends() {
        Cli.Result r = Cli.run("--version");

        assertThat(r.code()).isZero();
        assertThat(r.outLines().get(0)).isEqualTo("primeflow " + System.getProperty("primeflow.version"));
        assertThat(r.outLines().get(1)).endsWith("backends [loom, reactor, rxjava, sequential, vertx, vertx-cluster]");
    }
}
