package io.github.primeflow.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds the commands' picocli models through its programmatic API. Annotations would read the same: they are
 * avoided because reading them made every start generate a proxy class per annotation type (reflection, all
 * interpreted), about 65 ms of a 0.3 s {@code check}.
 */
final class CommandSpecs {

    private CommandSpecs() {
    }

    /**
     * A command that runs {@code command}, with {@code -h/--help} and {@code -V/--version} worded as picocli's
     * standard help options; {@code header} may be null.
     */
    static CommandSpec command(Callable<Integer> command, String name, String header, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(description);
        if (header != null) {
            spec.usageMessage().header(header);
        }
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** An option with one value of {@code type}; {@code defaultValue} may be null. */
    static OptionSpec option(String name, Class<?> type, String paramLabel, String defaultValue, String description) {
        return OptionSpec.builder(name).type(type).paramLabel(paramLabel).defaultValue(defaultValue)
                .description(description).build();
    }

    /** {@code --algorithm}, as {@code check} and {@code compare} take it. */
    static OptionSpec algorithm() {
        return option("--algorithm", String.class, "trial|miller-rabin", "trial",
                "Primality test (default: ${DEFAULT-VALUE}).");
    }

    /** {@code --workers}, as {@code check} and {@code compare} take it. */
    static OptionSpec workers() {
        return option("--workers", Integer.class, "N", null, "Parallel checks (default: the core count).");
    }

    /** A repeatable option of strings, each occurrence split at commas. */
    static OptionSpec commaList(String name, String paramLabel, String description) {
        return OptionSpec.builder(name).type(List.class).auxiliaryTypes(String.class).splitRegex(",")
                .paramLabel(paramLabel).description(description).build();
    }

    /** An option without a value. */
    static OptionSpec flag(String name, String description) {
        return OptionSpec.builder(name).arity("0").type(boolean.class).description(description).build();
    }

    /** The value of option {@code name} as parsed (its default when not given; null for none). */
    static <T> T value(CommandSpec spec, String name) {
        return spec.findOption(name).getValue();
    }

    /** Whether the command line gave option {@code name}. */
    static boolean given(CommandSpec spec, String name) {
        return spec.commandLine().getParseResult().hasMatchedOption(name);
    }
}
