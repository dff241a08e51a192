package io.github.primeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: exit code 2 and one line on standard error that names the input and the rule. */
class BadInputTest {

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("", new String[] {"check", "12x"}, "argument 1: '12x' is not a number"),
                Arguments.of("", new String[] {"check", "7", "1e3"}, "argument 2: '1e3' is not a number"),
                Arguments.of("", new String[] {"check", "99999999999999999999"},
                        "'99999999999999999999' is out of range; numbers must be between -9223372036854775808"),
                Arguments.of("", new String[] {"check", "9223372036854775808"}, "'9223372036854775808' is out of range"),
                Arguments.of("5\n\n7\n", new String[] {"check", "-"}, "stdin line 2: empty line"),
                Arguments.of("5\nseven\n", new String[] {"check", "--backend", "vertx", "-"},
                        "stdin line 2: 'seven' is not a number"),
                Arguments.of("", new String[] {"check", "--backend", "nope", "2"},
                        "Unknown primeflow backend 'nope'. Present: [loom, reactor, rxjava, sequential, vertx, vertx-cluster]"),
                Arguments.of("", new String[] {"compare", "--backends", "reactor,nope"},
                        "Unknown primeflow backend 'nope'. Present: [loom, reactor, rxjava, sequential, vertx, vertx-cluster]"),
                Arguments.of("", new String[] {"spinner", "--backend", "nope"}, "Unknown primeflow backend 'nope'"),
                Arguments.of("", new String[] {"check", "--workers", "0", "2"}, "--workers: 0 is not a worker count"),
                Arguments.of("", new String[] {"check", "--workers", "-3", "2"}, "--workers: -3 is not a worker count"),
                Arguments.of("", new String[] {"compare", "--workers", "0"}, "--workers: 0 is not a worker count"),
                Arguments.of("", new String[] {"check", "--range", "5", "3"}, "--range: FROM (5) must be <= TO (3)"),
                Arguments.of("", new String[] {"check"}, "check: no numbers"),
                Arguments.of("", new String[] {"check", "--range", "1", "3", "4"}, "either NUMBER arguments"),
                Arguments.of("", new String[] {"check", "--range", "1", "3", "--range", "5", "6"},
                        "--range: give it once"),
                Arguments.of("", new String[] {"check", "--range", "1", "x"}, "--range TO: 'x' is not a number"),
                Arguments.of("", new String[] {"check", "5", "-"}, "argument 2: '-' (stdin) must be the only NUMBER"),
                Arguments.of("", new String[] {"check", "--algorithm", "fermat", "2"},
                        "--algorithm: 'fermat' is not an algorithm; expected trial or miller-rabin"),
                Arguments.of("", new String[] {"check", "--order", "random", "2"}, "--order: 'random' is not an order"),
                Arguments.of("", new String[] {"check", "--workers", "two", "2"}, "'two' is not an int"),
                Arguments.of("", new String[] {"compare", "--repeat", "0"}, "--repeat: 0 is not a repeat count"),
                Arguments.of("", new String[] {"frobnicate"}, "Unmatched argument at index 0: 'frobnicate'"),
                Arguments.of("", new String[] {"worker"}, "worker: --cluster NAME is required"),
                Arguments.of("", new String[] {"worker", "--cluster", "c1", "--threads", "0"},
                        "--threads: 0 is not a worker count"),
                Arguments.of("", new String[] {"worker", "--cluster", "bad name!"},
                        "--cluster: clusterName must be 1-64 characters of [A-Za-z0-9._-], got 'bad name!'"),
                Arguments.of("", new String[] {"check", "--cluster", "c1", "--cluster-port", "70000", "2"},
                        "--cluster: port must be between 1 and 65535, got 70000"),
                Arguments.of("", new String[] {"check", "--cluster", "c1", "--cluster-port", "x", "2"},
                        "'x' is not an int"),
                Arguments.of("", new String[] {"check", "--cluster", "c1", "--backend", "reactor", "2"},
                        "--cluster runs on the vertx-cluster backend; drop --backend reactor"),
                Arguments.of("", new String[] {"compare", "--cluster", "c1", "--cluster-members", ""},
                        "--cluster: members must list at least one host"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void exitsWithTwoAndOneLine(String stdin, String[] args, String message) {
        Cli.Result r = Cli.runWithStdin(stdin, args);

        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("primeflow: ").contains(message);
    }

    @Test
    void aFailureAtRunTimeExitsWithOneAndTheCause(@TempDir Path dir) {
        Path html = dir.resolve("missing-dir").resolve("report.html");

        Cli.Result r = Cli.run("compare", "--algorithm", "miller-rabin", "--backends", "loom", "--html",
                html.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("primeflow: error: cannot write the HTML report " + html)
                .contains("NoSuchFileException");
    }
}
