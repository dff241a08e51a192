package io.github.primeflow.cli;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Flow;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code primeflow check}: the seed's {@code sequential.py}/{@code procs.py} output for any numbers. */
final class CheckCommand implements Callable<Integer> {

    private final PrimeflowCli root;
    private final CommandSpec spec;
    private final ClusterArgs cluster;

    CheckCommand(PrimeflowCli root) {
        this.root = root;
        spec = CommandSpecs.command(this, "check",
                "Checks numbers (arguments, a range or stdin) and prints the seed's output.",
                "Checks numbers and prints `n  P  elapsed` lines as the seed's sequential.py does, then `N checks in"
                        + " X.XXs`. `-` reads one number per line from standard input, in blocks of the lines already"
                        + " there (at most 65536), so each typed line is checked at once and memory stays constant.");
        spec.addOption(CommandSpecs.option("--backend", String.class, "NAME", "sequential",
                "Backend to run on (default: ${DEFAULT-VALUE}); one of the backends on the class path."));
        spec.addOption(CommandSpecs.algorithm());
        spec.addOption(CommandSpecs.workers());
        spec.addOption(CommandSpecs.option("--order", String.class, "input|completion", "input",
                "Result order (default: ${DEFAULT-VALUE})."));
        spec.addOption(OptionSpec.builder("--range").arity("2").type(List.class).auxiliaryTypes(String.class)
                .paramLabel("FROM TO").hideParamSyntax(true)
                .description("Checks every number from FROM to TO, both included.").build());
        cluster = ClusterArgs.addTo(spec);
        spec.addPositional(PositionalParamSpec.builder().arity("0..*").type(List.class).auxiliaryTypes(String.class)
                .paramLabel("NUMBER").description("Numbers to check, or `-` to read them from standard input.")
                .build());
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws IOException {
        String backend = CommandSpecs.value(spec, "--backend");
        List<String> range = CommandSpecs.value(spec, "--range");
        List<String> arguments = spec.positionalParameters().get(0).getValue();
        List<String> numbers = arguments == null ? List.of() : arguments;
        CheckerOptions options = Inputs.options(CommandSpecs.value(spec, "--algorithm"),
                CommandSpecs.value(spec, "--workers"), Inputs.order(CommandSpecs.value(spec, "--order")));
        if (cluster.given() && CommandSpecs.given(spec, "--backend") && !backend.equals(ClusterArgs.BACKEND)) {
            throw new UsageException("--cluster runs on the " + ClusterArgs.BACKEND + " backend; drop --backend "
                    + backend);
        }
        if (cluster.given()) {
            cluster.options(); // validates before anything runs
        }
        long[] given = null;
        long[] fromTo = null;
        boolean stdin = numbers.equals(List.of("-"));
        if (range != null) {
            if (!numbers.isEmpty()) {
                throw new UsageException("check: give either NUMBER arguments, --range FROM TO or -, not several");
            }
            if (range.size() != 2) {
                throw new UsageException("--range: give it once, as --range FROM TO");
            }
            long from = Inputs.number(range.get(0), "--range FROM");
            long to = Inputs.number(range.get(1), "--range TO");
            if (from > to) {
                throw new UsageException("--range: FROM (" + from + ") must be <= TO (" + to + ")");
            }
            if (to == Long.MAX_VALUE) {
                throw new UsageException("--range: TO must be below " + Long.MAX_VALUE);
            }
            fromTo = new long[] {from, to + 1};
        } else if (numbers.isEmpty()) {
            throw new UsageException("check: no numbers; give NUMBER arguments, --range FROM TO, or - for stdin");
        } else if (!stdin) {
            given = new long[numbers.size()];
            for (int i = 0; i < given.length; i++) {
                if (numbers.get(i).equals("-")) {
                    throw new UsageException("argument " + (i + 1) + ": '-' (stdin) must be the only NUMBER");
                }
                given[i] = Inputs.number(numbers.get(i), "argument " + (i + 1));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        long count;
        PrimeChecker checker = Shutdown.track(cluster.given() ? cluster.checker(options)
                : Inputs.checker(backend, options));
        Spinner spinner = Terminal.spinIf(root.terminalSpinner(), err);
        ResultPrinter printer = Shutdown.flushOnExit(ResultPrinter.to(out));
        try {
            if (stdin) {
                LineBlocks lines = new LineBlocks(root.stdin(), "stdin");
                count = checkBlocks(checker, lines, printer, spinner);
            } else if (fromTo != null) {
                count = run(checker.checkRange(fromTo[0], fromTo[1]), printer, spinner);
            } else {
                count = run(checker.check(given), printer, spinner);
            }
        } finally {
            spinner.close();
            checker.close();
            Shutdown.untrack(checker);
            printer.close();
            Shutdown.untrack(printer);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%d checks in %.2fs%n", count, seconds);
        out.flush();
        return 0;
    }

    private static long run(Flow.Publisher<PrimeResult> results, ResultPrinter printer, Spinner spinner) {
        return CliFailure.await(start(results, printer, spinner).done());
    }

    /**
     * Checks block after block, in order, reading the next block while one is checked. A bad line or a read
     * failure ends the input only after the block before it was checked and printed.
     */
    private static long checkBlocks(PrimeChecker checker, LineBlocks lines, ResultPrinter printer, Spinner spinner)
            throws IOException {
        long count = 0;
        long[] block = lines.next();
        while (block != null) {
            Results running = start(checker.check(block), printer, spinner);
            long[] following;
            try {
                following = lines.next();
            } finally {
                count += CliFailure.await(running.done());
            }
            block = following;
        }
        return count;
    }

    private static Results start(Flow.Publisher<PrimeResult> results, ResultPrinter printer, Spinner spinner) {
        // With a spinner on the terminal each line is shown at once, after the spinner frame is cleared.
        Results subscriber = new Results(spinner instanceof Terminal
                ? r -> spinner.printing(() -> {
                    printer.print(r);
                    printer.flush();
                })
                : printer::print);
        results.subscribe(subscriber);
        return subscriber;
    }
}
