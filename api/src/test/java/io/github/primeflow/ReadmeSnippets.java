package io.github.primeflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The README snippet convention: every {@code ```java} block of every README.md in the repository is preceded
 * by a line {@code <!-- snippet: MODULE/src/test/java/.../File.java#name -->}, and its text equals the region
 * of that test source between the lines {@code // snippet:name} and {@code // end:name}, with the region's
 * common indentation removed. The test source compiles and a test runs the region, so an example in a README
 * is code that ran in the last build. Lists what breaks the convention; {@link ReadmeSnippetsTest} runs it.
 */
final class ReadmeSnippets {

    private static final Pattern MARKER = Pattern.compile("^<!-- snippet: (\\S+)#(\\S+) -->$");
    private static final Pattern FENCE = Pattern.compile("^\\s*```.*$");

    private ReadmeSnippets() {
    }

    /** Every README.md under {@code root}, outside build output and hidden folders, in path order. */
    static List<Path> readmes(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals("README.md"))
                    .filter(p -> isSource(root.relativize(p).getParent()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isSource(Path folder) {
        if (folder == null) {
            return true;
        }
        for (Path part : folder) {
            String name = part.toString();
            if (name.equals("target") || name.startsWith(".") || name.equals("node_modules")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The problems of one README: a java block without a marker, a marker without a java block, a file or
     * region that does not exist or is not test code, a block that differs from its region.
     *
     * @return one line per problem, {@code README:line: what}; empty when the README keeps the convention
     */
    static List<String> problems(Path root, Path readme) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(readme);
        String name = root.relativize(readme).toString();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher marker = MARKER.matcher(line.strip());
            boolean javaFence = line.strip().equals("```java");
            if (marker.matches() && (i + 1 >= lines.size() || !lines.get(i + 1).strip().equals("```java"))) {
                problems.add(name + ":" + (i + 1) + ": a snippet marker not followed by a ```java block");
            }
            if (!FENCE.matcher(line).matches()) {
                continue;
            }
            int close = i + 1;
            while (close < lines.size() && !FENCE.matcher(lines.get(close)).matches()) {
                close++;
            }
            if (javaFence) {
                Matcher previous = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : MARKER.matcher("");
                if (!previous.matches()) {
                    problems.add(name + ":" + (i + 1) + ": a ```java block without a <!-- snippet: FILE#NAME -->"
                            + " line before it");
                } else {
                    List<String> block = lines.subList(i + 1, Math.min(close, lines.size()));
                    checkRegion(root, name + ":" + (i + 1), previous.group(1), previous.group(2), block, problems);
                }
            }
            i = close; // skip the block's body and its closing fence
        }
        return problems;
    }

    private static void checkRegion(Path root, String where, String file, String region, List<String> block,
                                    List<String> problems) throws IOException {
        Path source = root.resolve(file).normalize();
        if (!source.startsWith(root) || !file.contains("/src/test/java/") || !file.endsWith(".java")) {
            problems.add(where + ": " + file + " is not a Java test source of a module");
            return;
        }
        if (!Files.isRegularFile(source)) {
            problems.add(where + ": " + file + " does not exist");
            return;
        }
        List<String> code = Files.readAllLines(source);
        int start = -1;
        int end = -1;
        for (int i = 0; i < code.size(); i++) {
            String line = code.get(i).strip();
            if (line.equals("// snippet:" + region)) {
                if (start >= 0) {
                    problems.add(where + ": " + file + " has region " + region + " twice");
                    return;
                }
                start = i;
            } else if (line.equals("// end:" + region) && start >= 0 && end < 0) {
                end = i;
            }
        }
        if (start < 0 || end < 0) {
            problems.add(where + ": " + file + " has no region '// snippet:" + region + "' ... '// end:" + region
                    + "'");
            return;
        }
        List<String> expected = dedent(code.subList(start + 1, end));
        List<String> actual = block.stream().map(String::stripTrailing).toList();
        if (!expected.equals(actual)) {
            problems.add(where + ": the block differs from " + file + "#" + region + "; the region reads:\n"
                    + String.join("\n", expected));
        }
    }

    /** The lines without trailing blanks and without the indentation they all share (blank lines aside). */
    static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing()).toList();
    }
}
