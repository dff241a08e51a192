package io.github.primeflow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code primeflow} command line: {@code compare} (the default), {@code check}, {@code spinner} and
 * {@code worker}.
 *
 * <p>Exit codes: 0 on success, 1 when a check fails at run time, 2 for bad input (one line on standard
 * error that names the input and the rule).
 */
public final class PrimeflowCli implements Callable<Integer> {

    /** The subcommands, in the order {@code --help} lists them; {@code compare} runs without one. */
    private static final Map<String, Function<PrimeflowCli, CommandSpec>> SUBCOMMANDS = subcommands();

    /** Exit code for bad input. */
    static final int EXIT_USAGE = 2;
    /** Exit code for a failure at run time. */
    static final int EXIT_FAILURE = 1;

    private final InputStream stdin;
    private final boolean terminalSpinner;
    private final CommandSpec spec;

    private PrimeflowCli(InputStream stdin, boolean terminalSpinner) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.terminalSpinner = terminalSpinner;
        spec = CommandSpecs.command(this, "primeflow", null,
                "Checks numbers for primality on interchangeable concurrency backends.%n"
                        + "Without a subcommand, runs `compare`.");
        spec.versionProvider(new Version());
    }

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the arguments, as documented by {@code primeflow --help}
     */
    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // What picocli prints for --version, without building the command model (most of the start-up).
            for (String line : new Version().getVersion()) {
                System.out.println(line);
            }
            System.exit(0);
        }
        Shutdown.installHook();
        // Building picocli's model of a command is most of the start-up, so only the one named is built.
        String named = args.length > 0 && SUBCOMMANDS.containsKey(args[0]) ? args[0] : null;
        int code = newCommandLine(System.in, Terminal.stderrIsTerminal(), named).execute(args);
        System.exit(code);
    }

    private static Map<String, Function<PrimeflowCli, CommandSpec>> subcommands() {
        Map<String, Function<PrimeflowCli, CommandSpec>> all = new LinkedHashMap<>();
        all.put("compare", root -> new CompareCommand().spec());
        all.put("check", root -> new CheckCommand(root).spec());
        all.put("spinner", root -> new SpinnerCommand(root).spec());
        all.put("worker", root -> new WorkerCommand().spec());
        all.put("train", root -> new TrainCommand().spec());
        return all;
    }

    /** Builds the command line with every subcommand and the exit-code and error-message conventions of this tool. */
    static CommandLine newCommandLine(InputStream stdin, boolean terminalSpinner) {
        return newCommandLine(stdin, terminalSpinner, null);
    }

    /**
     * Builds the command line with the exit-code and error-message conventions of this tool.
     *
     * @param only the one subcommand to build (the arguments name it), or null for all of them
     */
    static CommandLine newCommandLine(InputStream stdin, boolean terminalSpinner, String only) {
        PrimeflowCli root = new PrimeflowCli(stdin, terminalSpinner);
        CommandLine cli = new CommandLine(root.spec);
        SUBCOMMANDS.forEach((name, spec) -> {
            if (only == null || only.equals(name)) {
                cli.addSubcommand(name, spec.apply(root));
            }
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("primeflow: " + ex.getMessage());
            err.flush();
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            int code;
            UsageException usage = UsageException.find(ex);
            if (Shutdown.isShuttingDown()) {
                code = 130;
            } else if (usage != null) {
                err.println("primeflow: " + usage.getMessage());
                code = EXIT_USAGE;
            } else {
                err.println("primeflow: error: " + (ex instanceof CliFailure ? ex.getMessage() : describe(ex)));
                code = EXIT_FAILURE;
            }
            err.flush();
            return code;
        });
        return cli;
    }

    /** The message of an exception and of its causes, on one line. */
    static String describe(Throwable ex) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" (caused by ");
            }
            text.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        int open = text.toString().split("\\(caused by ", -1).length - 1;
        text.append(")".repeat(open));
        return text.toString();
    }

    InputStream stdin() {
        return stdin;
    }

    boolean terminalSpinner() {
        return terminalSpinner;
    }

    @Override
    public Integer call() {
        CommandLine compare = spec.commandLine().getSubcommands().get("compare");
        return compare.execute();
    }

    /** Reads the version Maven filtered into {@code primeflow-cli.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties props = new Properties();
            try (InputStream in = PrimeflowCli.class.getResourceAsStream("/primeflow-cli.properties")) {
                if (in != null) {
                    props.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"primeflow " + props.getProperty("version", "unknown"),
                "Java " + Runtime.version() + ", backends " + io.github.primeflow.PrimeCheckers.available()};
        }
    }
}
