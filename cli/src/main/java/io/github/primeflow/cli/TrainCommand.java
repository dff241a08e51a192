package io.github.primeflow.cli;

import io.github.primeflow.PrimeCheckers;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code primeflow train}, hidden: the run from which the launcher writes a class archive, once per jar, JDK and
 * backend. It does what a first {@code check} does (numbers given as arguments, a range, stdin) on the backends
 * named, else on every backend present, and prints nothing. Never on the cluster, whose checks start a cluster node:
 * its archive holds the command line's own classes.
 */
final class TrainCommand implements Callable<Integer> {

    /** Checks on the cluster backend start a cluster node; only cluster users pay for loading its classes. */
    private static final String SKIPPED = "vertx-cluster";

    private final CommandSpec spec;

    TrainCommand() {
        spec = CommandSpecs.command(this, "train", null, "Runs `check` on the backends named, else on every local"
                + " one, printing nothing (the launcher's class-archive training).");
        spec.usageMessage().hidden(true);
        spec.addOption(OptionSpec.builder("--backend").type(List.class).auxiliaryTypes(String.class)
                .paramLabel("NAME").description("A backend to train on (repeatable).").build());
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        int failed = 0;
        List<String> backends = CommandSpecs.value(spec, "--backend");
        for (String backend : backends == null ? PrimeCheckers.available() : backends) {
            if (backend.equals(SKIPPED)) {
                continue;
            }
            for (List<String> args : List.of(List.of("check", "--backend", backend, "2", "9999999967"),
                    List.of("check", "--backend", backend, "--algorithm", "miller-rabin", "--range", "1", "1000"),
                    List.of("check", "--backend", backend, "-"))) {
                CommandLine check = PrimeflowCli.newCommandLine(
                        new ByteArrayInputStream("97\n98\n".getBytes(StandardCharsets.UTF_8)), false, "check");
                check.setOut(discard);
                check.setErr(discard);
                failed += check.execute(args.toArray(String[]::new)) == 0 ? 0 : 1;
            }
        }
        return failed == 0 ? 0 : PrimeflowCli.EXIT_FAILURE;
    }
}
