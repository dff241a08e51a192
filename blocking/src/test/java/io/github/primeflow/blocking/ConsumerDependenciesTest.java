package io.github.primeflow.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What a project that adds primeflow-blocking gets: the module's runtime dependency tree (written by the
 * build, see the POM) without its optional branches, which Maven does not pass on. Writes
 * {@code target/consumer-dependencies.md} (quoted in the README) with each jar's size.
 */
class ConsumerDependenciesTest {

    private static final Path TREE = Path.of("target", "runtime-dependency-tree.txt");

    @Test
    void consumersGetBlockHoundHdrHistogramAndTheJupiterApiOnly() throws IOException {
        List<String> artifacts = consumerArtifacts(Files.readAllLines(TREE));

        assertThat(artifacts).noneMatch(a -> a.contains("testng") || a.contains("reactive-streams")
                || a.contains("slf4j") || a.contains("jcommander") || a.contains("webjars"));
        assertThat(artifacts).extracting(a -> a.split(":")[1]).containsExactlyInAnyOrder("blockhound",
                "HdrHistogram", "junit-jupiter-api", "opentest4j", "junit-platform-commons", "apiguardian-api");

        StringBuilder table = new StringBuilder("| Artifact | Size |\n|---|---|\n");
        long total = 0;
        for (String artifact : artifacts) {
            long size = Files.size(jarOnClassPath(artifact));
            total += size;
            table.append("| `").append(artifact).append("` | ").append(size / 1024).append(" KB |\n");
        }
        table.append("| **total** (without primeflow-blocking itself) | **").append(total / 1024).append(" KB** |\n");
        Files.writeString(Path.of("target", "consumer-dependencies.md"), table);
    }

    @Test
    void optionalBranchesAreNotInherited() {
        List<String> artifacts = consumerArtifacts(List.of(
                "io.github.primeflow:primeflow-blocking:jar:0.1.0-SNAPSHOT",
                "+- a:kept:jar:1:compile",
                "|  \\- a:kept-child:jar:1:compile",
                "+- a:optional:jar:1:compile (optional)",
                "|  \\- a:optional-child:jar:1:compile (optional)",
                "\\- a:last:jar:1:runtime"));
        assertThat(artifacts).containsExactly("a:kept:1", "a:kept-child:1", "a:last:1");
    }

    /** {@code group:artifact:version} of every entry not under an optional one; the root line is skipped. */
    static List<String> consumerArtifacts(List<String> tree) {
        List<String> artifacts = new ArrayList<>();
        int optionalDepth = Integer.MAX_VALUE;
        for (String line : tree.subList(1, tree.size())) {
            int start = 0;
            while (start < line.length() && "|+-\\ ".indexOf(line.charAt(start)) >= 0) {
                start++;
            }
            int depth = start / 3;
            if (depth > optionalDepth) {
                continue;
            }
            optionalDepth = Integer.MAX_VALUE;
            if (line.endsWith("(optional)")) {
                optionalDepth = depth;
                continue;
            }
            String[] parts = line.substring(start).split(":"); // group:artifact:type:version:scope
            artifacts.add(parts[0] + ":" + parts[1] + ":" + parts[3]);
        }
        return artifacts;
    }

    private static Path jarOnClassPath(String artifact) {
        String[] parts = artifact.split(":");
        String jarName = parts[1] + "-" + parts[2] + ".jar";
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(File.separator + jarName)) {
                return Path.of(entry);
            }
        }
        throw new AssertionError(jarName + " is not on the test class path");
    }
}
