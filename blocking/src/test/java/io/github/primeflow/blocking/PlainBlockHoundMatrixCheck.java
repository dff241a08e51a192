package io.github.primeflow.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * The comparison column: the same {@link MatrixCase}s under plain BlockHound ({@code BlockHound.install()} with
 * the integrations it finds, Reactor's and Netty's, and its throwing callback), as a user would use it. A
 * case counts as caught when a {@link BlockingOperationError} reached the handler, the subscriber or the
 * loop's task. Needs a JVM of its own: the POM runs it in a separate Surefire execution. Writes
 * {@code target/detection-matrix-plain-blockhound.md}.
 */
class PlainBlockHoundMatrixCheck {

    @Test
    void plainBlockHoundOnTheSameCases() throws Exception {
        assertThat(BlockingPolicy.isInstalled()).as("this JVM must be fresh").isFalse();
        BlockHound.install();
        Map<MatrixCase, Boolean> caught = new EnumMap<>(MatrixCase.class);
        ShopApp app = ShopApp.start();
        try {
            app.vertx.exceptionHandler(app::remember);
            for (MatrixCase c : MatrixCase.values()) {
                app.forget();
                try {
                    c.run(app);
                } catch (RuntimeException | Error e) {
                    app.remember(e);
                }
                caught.put(c, app.errors().stream().anyMatch(PlainBlockHoundMatrixCheck::isBlockingError));
            }
            write(caught);
        } finally {
            try {
                app.close();
            } catch (IOException e) {
                // Seen once: BlockHound's errors thrown into Vert.x's own shutdown kept it from closing in time.
                // Not what this check measures; the JVM ends with the check.
                System.err.println("the shop did not close under plain BlockHound: " + e.getCause());
            }
        }

        assertThat(caught.get(MatrixCase.VERTX_SLEEP)).as("the harness sees BlockHound's errors").isTrue();
        assertThat(caught.get(MatrixCase.VERTX_NIO_FILE)).as("NIO file I/O is unknown to plain BlockHound").isFalse();
    }

    private static boolean isBlockingError(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BlockingOperationError) {
                return true;
            }
        }
        return false;
    }

    private static void write(Map<MatrixCase, Boolean> caught) throws IOException {
        StringBuilder out = new StringBuilder("| Case | Bug? | plain BlockHound |\n|---|---|---|\n");
        caught.forEach((c, yes) -> out.append("| ").append(c.description).append(" | ")
                .append(c.isBug() ? "bug" : "legitimate").append(" | ")
                .append(yes ? "BlockingOperationError" : "nothing").append(" |\n"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "detection-matrix-plain-blockhound.md"), out);
    }
}
