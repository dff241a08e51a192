package io.github.primeflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java example in every README of the repository is a region of a test source (see
 * {@link ReadmeSnippets}); the tests that run those regions live beside them, e.g. the root README's in
 * reactor-impl's {@code ReadmeExampleTest}. Hosted by api, the first module built, so that a README that
 * drifts from its code fails the build early.
 */
class ReadmeSnippetsTest {

    /** The repository root: Surefire runs in the module's folder. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyReadmeJavaBlockIsATestedRegion() throws IOException {
        List<Path> readmes = ReadmeSnippets.readmes(ROOT);
        assertThat(readmes).as("the READMEs found under " + ROOT)
                .contains(ROOT.resolve("README.md"), ROOT.resolve("vertx-cluster/README.md"),
                        ROOT.resolve("tck/README.md"), ROOT.resolve("blocking/README.md"));

        List<String> problems = new ArrayList<>();
        for (Path readme : readmes) {
            problems.addAll(ReadmeSnippets.problems(ROOT, readme));
        }
        assertThat(problems).as("README Java blocks that are not tested code").isEmpty();
    }

    @Test
    void aBlockEqualToItsRegionPasses(@TempDir Path root) throws IOException {
        source(root, "    void f() {\n        // snippet:hello\n        int x = 1;\n\n        if (x > 0) {\n"
                + "            System.out.println(x);\n        }\n        // end:hello\n    }\n");
        Path readme = readme(root, "text\n<!-- snippet: m/src/test/java/p/A.java#hello -->\n```java\n"
                + "int x = 1;\n\nif (x > 0) {\n    System.out.println(x);\n}\n```\n");

        assertThat(ReadmeSnippets.problems(root, readme)).isEmpty();
    }

    @Test
    void aBlockWithoutMarkerFails(@TempDir Path root) throws IOException {
        Path readme = readme(root, "text\n\n```java\nint x = 1;\n```\n```xml\n<a/>\n```\n");

        assertThat(ReadmeSnippets.problems(root, readme)).singleElement().asString()
                .contains("README.md:3: a ```java block without");
    }

    @Test
    void aBlockThatDiffersFromItsRegionFails(@TempDir Path root) throws IOException {
        source(root, "// snippet:hello\nint x = 1;\n// end:hello\n");
        Path readme = readme(root, "<!-- snippet: m/src/test/java/p/A.java#hello -->\n```java\nint x = 2;\n```\n");

        assertThat(ReadmeSnippets.problems(root, readme)).singleElement().asString()
                .contains("differs from m/src/test/java/p/A.java#hello", "int x = 1;");
    }

    @Test
    void aMissingRegionFileOrMainSourceFails(@TempDir Path root) throws IOException {
        source(root, "// snippet:other\n// end:other\n");
        Path readme = readme(root, "<!-- snippet: m/src/test/java/p/A.java#hello -->\n```java\n```\n"
                + "<!-- snippet: m/src/test/java/p/B.java#hello -->\n```java\n```\n"
                + "<!-- snippet: m/src/main/java/p/A.java#hello -->\n```java\n```\n"
                + "<!-- snippet: m/src/test/java/p/A.java#other -->\nno block here\n");

        assertThat(ReadmeSnippets.problems(root, readme)).satisfiesExactly(
                p -> assertThat(p).contains("has no region '// snippet:hello'"),
                p -> assertThat(p).contains("B.java does not exist"),
                p -> assertThat(p).contains("is not a Java test source"),
                p -> assertThat(p).contains("a snippet marker not followed by a ```java block"));
    }

    @Test
    void buildOutputIsNotScanned(@TempDir Path root) throws IOException {
        readme(root, "");
        Files.createDirectories(root.resolve("m/target"));
        Files.writeString(root.resolve("m/target/README.md"), "```java\n```\n");
        Files.writeString(root.resolve("m/README.md"), "");

        assertThat(ReadmeSnippets.readmes(root)).containsExactly(root.resolve("README.md"),
                root.resolve("m/README.md"));
    }

    private static void source(Path root, String text) throws IOException {
        Path file = root.resolve("m/src/test/java/p/A.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static Path readme(Path root, String text) throws IOException {
        return Files.writeString(root.resolve("README.md"), text);
    }
}
