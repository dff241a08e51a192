package io.github.primeflow.cli;

import io.github.primeflow.PrimeCheckers;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code primeflow train}, hidden: the run from which the launcher writes its class archive, once per jar and JDK.
 * It does what a first {@code check} does on every backend present but the cluster (numbers given as arguments, a
 * range, stdin), so that every backend starts from the archive, and prints nothing.
 */
@Command(name = "train", hidden = true,
        description = "Runs `check` on every local backend, printing nothing (the launcher's class-archive training).")
final class TrainCommand implements Callable<Integer> {

    /** Checks on the cluster backend start a cluster node; only cluster users pay for loading its classes. */
    private static final String SKIPPED = "vertx-cluster";

    @Override
    public Integer call() {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        int failed = 0;
        for (String backend : PrimeCheckers.available()) {
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
